package dev.backline.urlreader.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.plugin.api.services.UrlReaderReadUrlOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlResponse;

/** The providers' order, without a framework: service references that compare as the framework's do. */
class UrlReaderServiceComponentTest {

    private final Map<Object, Integer> rankings = new ConcurrentHashMap<>();

    /** A reference with a ranking and id, ordered as {@link ServiceReference#compareTo} specifies. */
    @SuppressWarnings("unchecked")
    private ServiceReference<UrlReaderProvider> reference(long id, int ranking) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "compareTo" -> {
                        ServiceReference<?> other = (ServiceReference<?>) args[0];
                        int byRanking = Integer.compare(rankings.get(proxy), (Integer) other.getProperty("service.ranking"));
                        yield byRanking != 0 ? byRanking
                                : Long.compare((Long) other.getProperty("service.id"), id); // lower id ranks higher
                    }
                    case "getProperty" -> "service.id".equals(args[0]) ? (Object) id : rankings.get(proxy);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ref" + id;
                    default -> null;
                });
        rankings.put(self[0], ranking);
        return (ServiceReference<UrlReaderProvider>) self[0];
    }

    private static UrlReaderProvider named(String name) {
        return new UrlReaderProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean canRead(URI url) {
                return true;
            }

            @Override
            public UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) {
                return UrlReaderReadUrlResponse.of(new byte[0]);
            }
        };
    }

    private static List<String> names(UrlReaderServiceComponent component) {
        return component.providers().stream().map(UrlReaderProvider::name).toList();
    }

    @Test
    void providersAreAskedHighestRankingFirstThenOldestFirst() {
        UrlReaderServiceComponent component = new UrlReaderServiceComponent();
        ServiceReference<UrlReaderProvider> github = reference(10, 0);
        ServiceReference<UrlReaderProvider> gitlab = reference(11, 0);
        ServiceReference<UrlReaderProvider> preferred = reference(12, 100);
        component.addProvider(gitlab, named("gitlab"));
        component.addProvider(preferred, named("preferred"));
        component.addProvider(github, named("github"));
        assertEquals(List.of("preferred", "github", "gitlab"), names(component));

        rankings.put(gitlab, 200);
        component.updatedProvider(gitlab);
        assertEquals(List.of("gitlab", "preferred", "github"), names(component));

        component.removeProvider(preferred);
        assertEquals(List.of("gitlab", "github"), names(component));
    }
}
