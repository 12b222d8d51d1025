package dev.backline.runtime.wiring;

/** An extension point interface for tests; {@link ExtensionPointRulesTest} also loads a second copy of it. */
public interface Greeting {
    void greet(String name);
}
