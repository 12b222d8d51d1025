package dev.backline.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Stops the test backends a test (or a class's {@code @BeforeAll}) started; see {@link BacklineTest}. */
public final class TestBackendExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestBackendExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("mark", RunningBackends.mark());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("mark", RunningBackends.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RunningBackends.stopStartedSince(context.getStore(NAMESPACE).get("mark", Long.class));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RunningBackends.stopStartedSince(context.getStore(NAMESPACE).get("mark", Long.class));
    }
}
