package dev.backline.runtime.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.backline.runtime.wiring.Scope;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.SecretRedaction;
import dev.backline.runtime.config.SnapshotConfigService;
import dev.backline.runtime.wiring.BackendInitializer;
import dev.backline.runtime.wiring.FeatureDeclaration;
import dev.backline.runtime.wiring.ModuleStartupResult;
import dev.backline.runtime.wiring.PluginStartupResult;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.runtime.wiring.PluginStatus;
import dev.backline.runtime.wiring.ServiceRegistry;
import dev.backline.runtime.wiring.StartupFailure;
import dev.backline.runtime.wiring.StartupResult;
import dev.backline.runtime.wiring.TypeOrigin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.ServiceScope;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.RootHealthService;
import dev.backline.plugin.api.services.SchedulerService;

/**
 * The shell commands of a backend, in plain Java: what runs, what each plugin declared and uses, routes,
 * health, the last startup, the effective configuration (secrets redacted), and stop/start/restart of
 * single plugins. Every method returns a {@link Table} or {@link Report}; an unknown plugin id is an
 * {@link IllegalArgumentException} naming the closest known ids.
 *
 * <p>Reading never creates a service instance: only instances that exist are inspected.
 */
public final class BackendCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Backend backend;
    private final TypeOrigin origin;
    private final PluginControl control;
    private final HostActivity host;

    /**
     * @param origin  names where a class was loaded from (the OSGi host names bundles)
     * @param control how stop/start/restart reach the backend
     * @param host    what the container holds back or has not applied yet
     */
    public BackendCommands(Backend backend, TypeOrigin origin, PluginControl control, HostActivity host) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.control = Objects.requireNonNull(control, "control");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Commands that stop and start plugins directly on the caller's thread. */
    public BackendCommands(Backend backend, TypeOrigin origin) {
        this(backend, origin, PluginControl.direct(backend.initializer()), HostActivity.NONE);
    }

    /**
     * Every plugin: state, modules, bundle, last start and its duration, route prefix, failure. Plugin ids
     * that only waiting modules name are listed as waiting.
     */
    public Table plugins() {
        Table.Builder table = Table.of("id", "state", "modules", "bundle", "started", "took", "routes", "failure");
        Map<String, List<String>> waiting = waitingModuleIds();
        for (PluginStatus plugin : initializer().plugins()) {
            Optional<PluginStartupResult> last = plugin.lastStart();
            List<String> modules = new ArrayList<>(plugin.moduleIds());
            modules.addAll(waiting.getOrDefault(plugin.pluginId(), List.of()));
            table.row(plugin.pluginId(), state(plugin.state()), String.join(",", modules),
                    pluginType(plugin.pluginId()).map(this::bundle).orElse(null),
                    last.map(r -> TIME.format(r.startedAt())).orElse(null),
                    last.map(r -> millis(r.duration())).orElse(null),
                    plugin.state() == PluginState.WAITING ? null : "/api/" + plugin.pluginId(),
                    last.flatMap(PluginStartupResult::failure).map(BackendCommands::cause).orElse(null));
        }
        Set<String> known = initializer().plugins().stream().map(PluginStatus::pluginId).collect(Collectors.toSet());
        waiting.forEach((pluginId, modules) -> {
            if (!known.contains(pluginId)) {
                table.row(pluginId, "waiting", String.join(",", modules), null, null, null, null,
                        "plugin '" + pluginId + "' is not installed");
            }
        });
        return table.build();
    }

    private Map<String, List<String>> waitingModuleIds() {
        Map<String, List<String>> byPlugin = new LinkedHashMap<>();
        host.waitingModules().forEach(m -> byPlugin.computeIfAbsent(m.pluginId(), k -> new ArrayList<>()).add(m.moduleId()));
        return byPlugin;
    }

    /**
     * One plugin in detail: its declared dependencies and who provides each, extension points and their
     * consumers, modules, effective configuration subtree, database and mounted routes.
     */
    public Report plugin(String pluginId) {
        PluginStatus status = status(pluginId);
        List<FeatureDeclaration> features = initializer().declarations(pluginId).orElse(List.of());
        Optional<PluginStartupResult> last = status.lastStart();
        Report.Builder report = Report.titled("Plugin " + pluginId)
                .field("state", state(status.state()))
                .field("bundle", pluginType(pluginId).map(this::bundle).orElse("not installed"))
                .field("started", last.map(r -> TIME.format(r.startedAt())).orElse(null))
                .field("took", last.map(r -> millis(r.duration())).orElse(null))
                .field("routes", status.state() == PluginState.WAITING ? null : "/api/" + pluginId)
                .field("failure", last.flatMap(PluginStartupResult::failure).map(BackendCommands::cause).orElse(null))
                .field("database", registry().existingInstance(CoreServices.DATABASE, Scope.plugin(pluginId))
                        .map(String::valueOf).orElse("none in use"));
        report.section("Dependencies", dependencies(pluginId, features));
        report.section("Extension points", extensionPoints(features));
        report.section("Modules", modules(List.of(status),
                host.waitingModules().stream().filter(m -> m.pluginId().equals(pluginId)).toList()));
        report.section("Config (" + pluginId + ")", configTable(pluginConfig(pluginId), pluginId));
        report.section("Mounted routes", backend.routes().plugin(pluginId)
                .map(routes -> routes.paths().stream().map(path -> "/api/" + pluginId + (path.equals("/") ? "" : path)).toList())
                .orElse(List.of()));
        return report.build();
    }

    /** Every module of every plugin, and the modules waiting for a plugin that is not installed. */
    public Table modules() {
        return modules(initializer().plugins(), host.waitingModules());
    }

    /** The modules of one plugin. */
    public Table modules(String pluginId) {
        List<WaitingModule> waiting = host.waitingModules().stream().filter(m -> m.pluginId().equals(pluginId)).toList();
        if (!waiting.isEmpty() && initializer().plugins().stream().noneMatch(p -> p.pluginId().equals(pluginId))) {
            return modules(List.of(), waiting);
        }
        return modules(List.of(status(pluginId)), waiting);
    }

    /**
     * Every service with a factory or a dependent: scope, where its factory comes from, the bundle of its
     * implementation (once instantiated), and the plugins it was instantiated for.
     */
    public Table services() {
        Map<String, ServiceRef<?>> refs = new java.util.TreeMap<>();
        registry().registeredRefs().forEach(ref -> refs.putIfAbsent(ref.id(), ref));
        allDeclarations().forEach(d -> d.serviceDeps().forEach(ref -> refs.putIfAbsent(ref.id(), ref)));
        Table.Builder table = Table.of("service", "scope", "source", "provider", "instantiated for");
        for (ServiceRef<?> ref : refs.values()) {
            String scope = scopeOf(ref).name().toLowerCase(Locale.ROOT) + (ref.multiton() ? " (multiton)" : "");
            table.row(ref.id(), scope, source(ref), provider(ref).orElse(null), instantiatedFor(ref));
        }
        return table.build();
    }

    /** Every extension point a plugin or module provides, with the modules consuming it. */
    public Table extensionPoints() {
        Table.Builder table = Table.of("extension point", "plugin", "provided by", "bundle", "consumers");
        for (PluginStatus plugin : initializer().plugins()) {
            List<FeatureDeclaration> features = initializer().declarations(plugin.pluginId()).orElse(List.of());
            for (FeatureDeclaration provider : features) {
                for (ExtensionPoint<?> point : provider.providedExtensionPoints()) {
                    table.row(point.id(), plugin.pluginId(), provider.describe(), bundle(provider.featureType()),
                            consumers(point, features));
                }
            }
        }
        return table.build();
    }

    /** Every mounted route: root routes, then each plugin's, with the plugin's state. */
    public Table routes() {
        Table.Builder table = Table.of("plugin", "route", "state");
        backend.routes().rootPaths().forEach(path -> table.row("(root)", path, "serving"));
        Map<String, PluginState> states = initializer().plugins().stream()
                .collect(Collectors.toMap(PluginStatus::pluginId, PluginStatus::state, (a, b) -> a, LinkedHashMap::new));
        for (String pluginId : backend.routes().pluginIds()) {
            String state = Optional.ofNullable(states.get(pluginId)).map(BackendCommands::state).orElse(null);
            backend.routes().plugin(pluginId).ifPresent(routes -> routes.paths().stream().sorted().forEach(path ->
                    table.row(pluginId, "/api/" + pluginId + (path.equals("/") ? "" : path), state)));
        }
        return table.build();
    }

    /** What the health probes answer now, and every plugin that does not serve. */
    public Report health() {
        Report.Builder report = Report.titled("Health").field("backend", state(initializer().state()));
        Optional<RootHealthService> health = registry().existingInstance(CoreServices.ROOT_HEALTH, Scope.ROOT)
                .map(RootHealthService.class::cast);
        report.field("liveness", health.map(h -> probe(h.getLiveness())).orElse("not available yet"));
        report.field("readiness", health.map(h -> probe(h.getReadiness())).orElse("not available yet"));
        List<String> notServing = initializer().plugins().stream()
                .filter(p -> p.state() != PluginState.STARTED)
                .map(p -> p.pluginId() + ": " + state(p.state())
                        + p.lastStart().flatMap(PluginStartupResult::failure).map(f -> " (" + cause(f) + ")").orElse(""))
                .toList();
        report.section("Plugins not serving", notServing);
        report.section("Changes not applied yet", host.pendingChanges().stream()
                .map(pluginId -> pluginId + ": restart queued or under way").toList());
        return report.build();
    }

    /** The result of the last backend start: each plugin and module, when it started, how long it took, failures. */
    public Report startup() {
        Optional<StartupResult> result = initializer().lastStartupResult();
        Report.Builder report = Report.titled("Last startup").field("backend", state(initializer().state()));
        if (result.isEmpty()) {
            return report.field("result", "no startup has run yet").build();
        }
        List<PluginStartupResult> plugins = result.get().plugins();
        Optional<Instant> begin = plugins.stream().map(PluginStartupResult::startedAt).min(Instant::compareTo);
        Optional<Instant> end = plugins.stream().map(p -> p.startedAt().plus(p.duration())).max(Instant::compareTo);
        report.field("result", result.get().hasDisallowedFailure() ? "failed" : "succeeded")
                .field("started", begin.map(TIME::format).orElse(null))
                .field("took", begin.flatMap(b -> end.map(e -> millis(Duration.between(b, e)))).orElse(null));
        Table.Builder table = Table.of("plugin", "module", "result", "started", "took", "failure");
        for (PluginStartupResult plugin : plugins) {
            table.row(plugin.pluginId(), null, outcome(plugin.failure()), TIME.format(plugin.startedAt()),
                    millis(plugin.duration()), plugin.failure().map(BackendCommands::cause).orElse(null));
            for (ModuleStartupResult module : plugin.modules()) {
                table.row(plugin.pluginId(), module.moduleId(), outcome(module.failure()), null, null,
                        module.failure().map(BackendCommands::cause).orElse(null));
            }
        }
        return report.section("Plugins", table.build()).build();
    }

    /**
     * The whole effective configuration, secrets redacted, with the source of each value: the root
     * configuration, and under each plugin's id what that plugin sees (its ConfigAdmin overlay in OSGi).
     */
    public Table config() {
        return effectiveConfig("");
    }

    /**
     * The effective configuration under a dotted key path, secrets redacted.
     *
     * @throws IllegalArgumentException when nothing is configured there, naming the closest keys
     */
    public Table config(String path) {
        if (path == null || path.isBlank()) {
            return config();
        }
        SnapshotConfigService root = rootConfig().orElseThrow(() -> new IllegalArgumentException(
                "The root configuration is not loaded yet"));
        Optional<SnapshotConfigService> view = pluginViewAt(path);
        if (root.getOptional(path).isEmpty() && view.flatMap(v -> v.getOptional(path)).isEmpty()) {
            Set<String> known = new LinkedHashSet<>();
            root.sources().keySet().forEach(key -> addPrefixes(key, known));
            view.ifPresent(v -> v.sources().keySet().forEach(key -> addPrefixes(key, known)));
            throw ClosestIds.unknown("configuration at", path, known);
        }
        return effectiveConfig(path);
    }

    private Table effectiveConfig(String path) {
        Table.Builder table = Table.of("key", "value", "source");
        Optional<SnapshotConfigService> root = rootConfig();
        if (root.isEmpty()) {
            return table.build();
        }
        Map<String, String[]> rows = new LinkedHashMap<>();
        addLeaves(root.get(), path, rows);
        for (PluginStatus plugin : initializer().plugins()) {
            String id = plugin.pluginId();
            if (!(path.isEmpty() || path.equals(id) || path.startsWith(id + "."))) {
                continue;
            }
            Optional<SnapshotConfigService> view = pluginView(id);
            if (view.isPresent()) {
                rows.keySet().removeIf(key -> key.equals(id) || key.startsWith(id + "."));
                addLeaves(view.get(), path.isEmpty() ? id : path, rows);
            }
        }
        rows.forEach((key, row) -> table.row(key, row[0], row[1]));
        return table.build();
    }

    /** One row per value (a list counts as one value), secrets redacted, with its source. */
    private void addLeaves(SnapshotConfigService config, String path, Map<String, String[]> rows) {
        Object data = path.isEmpty() ? config.get() : config.getOptional(path).orElse(null);
        Map<String, Object> leaves = new LinkedHashMap<>();
        flatten(path, SecretRedaction.redact(data, path, backend.configSecrets()), leaves);
        leaves.forEach((key, value) -> rows.put(key, new String[] {String.valueOf(value), sourceOf(config, key)}));
    }

    private Optional<SnapshotConfigService> pluginViewAt(String path) {
        String first = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        return pluginView(first);
    }

    /** The plugin's own configuration view, if the plugin has one now. */
    private Optional<SnapshotConfigService> pluginView(String pluginId) {
        return registry().existingInstance(CoreServices.CONFIG, Scope.plugin(pluginId))
                .filter(SnapshotConfigService.class::isInstance).map(SnapshotConfigService.class::cast);
    }

    /** Every task the started plugins scheduled on this instance, as their {@code core.scheduler} lists them. */
    public Table tasks() {
        Table.Builder table = Table.of("plugin", "task", "scope", "frequency", "timeout", "initial delay");
        for (PluginStatus plugin : initializer().plugins()) {
            scheduler(plugin.pluginId()).ifPresent(scheduler -> scheduler.getScheduledTasks().forEach(task ->
                    table.row(plugin.pluginId(), task.id(), task.scope().name().toLowerCase(Locale.ROOT),
                            task.schedule().frequency().toString(), task.schedule().timeout().toString(),
                            task.schedule().initialDelay().toString())));
        }
        return table.build();
    }

    /**
     * Runs a plugin's task now, as its scheduler's trigger route does.
     *
     * @throws IllegalArgumentException naming the plugin when it is unknown or has no scheduler
     * @throws dev.backline.plugin.api.errors.NotFoundError when it has no such task
     * @throws dev.backline.plugin.api.errors.ConflictError while the task runs
     */
    public Report trigger(String pluginId, String taskId) {
        status(pluginId);
        SchedulerService scheduler = scheduler(pluginId).orElseThrow(() -> new IllegalArgumentException(
                "Plugin '" + pluginId + "' has not scheduled any task"));
        scheduler.triggerTask(taskId);
        return Report.titled("Task '" + taskId + "' of plugin '" + pluginId + "'").field("triggered", "yes").build();
    }

    private Optional<SchedulerService> scheduler(String pluginId) {
        return registry().existingInstance(CoreServices.SCHEDULER, Scope.plugin(pluginId))
                .filter(SchedulerService.class::isInstance).map(SchedulerService.class::cast);
    }

    /** Stops a plugin with its modules and starts it again. */
    public Report restart(String pluginId) {
        status(pluginId);
        Optional<PluginStartupResult> result = control.restart(pluginId);
        return changed(pluginId, result.isEmpty() ? "is no longer installed" : "restarted", result);
    }

    /** Stops a plugin with its modules; its routes answer 503 until it is started again. */
    public Report stop(String pluginId) {
        status(pluginId);
        control.stop(pluginId);
        return changed(pluginId, "stopped", Optional.empty());
    }

    /** Starts a stopped plugin with its modules. */
    public Report start(String pluginId) {
        status(pluginId);
        Optional<PluginStartupResult> result = control.start(pluginId);
        return changed(pluginId, result.isEmpty() ? "is no longer installed" : "started", result);
    }

    private Report changed(String pluginId, String what, Optional<PluginStartupResult> result) {
        PluginStatus now = status(pluginId);
        Report.Builder report = Report.titled("Plugin '" + pluginId + "' " + what)
                .field("state", state(now.state()));
        result.ifPresent(r -> report.field("took", millis(r.duration())));
        result.map(PluginStartupResult::failureLines).filter(lines -> !lines.isEmpty())
                .ifPresent(lines -> report.section("Failures", lines));
        return report.build();
    }

    private Table dependencies(String pluginId, List<FeatureDeclaration> features) {
        Table.Builder table = Table.of("feature", "dependency", "kind", "provided by", "bundle");
        for (FeatureDeclaration feature : features) {
            String name = feature.moduleId().orElse(pluginId);
            for (ServiceRef<?> ref : feature.serviceDeps()) {
                String scope = scopeOf(ref) == ServiceScope.ROOT ? "root service" : "plugin service";
                table.row(name, ref.id(), scope, source(ref), provider(ref, pluginId).orElse(null));
            }
            for (ExtensionPoint<?> point : feature.extensionPointDeps()) {
                Optional<FeatureDeclaration> provider = features.stream()
                        .filter(f -> f.providedExtensionPoints().stream().anyMatch(p -> p.id().equals(point.id())))
                        .findFirst();
                table.row(name, point.id(), "extension point", provider.map(FeatureDeclaration::describe).orElse("nobody"),
                        provider.map(p -> bundle(p.featureType())).orElse(null));
            }
        }
        return table.build();
    }

    private Table extensionPoints(List<FeatureDeclaration> features) {
        Table.Builder table = Table.of("extension point", "provided by", "consumers");
        for (FeatureDeclaration provider : features) {
            for (ExtensionPoint<?> point : provider.providedExtensionPoints()) {
                table.row(point.id(), provider.describe(), consumers(point, features));
            }
        }
        return table.build();
    }

    private static String consumers(ExtensionPoint<?> point, List<FeatureDeclaration> features) {
        return features.stream()
                .filter(f -> f.extensionPointDeps().stream().anyMatch(d -> d.id().equals(point.id())))
                .map(f -> f.moduleId().orElse(f.pluginId()))
                .collect(Collectors.joining(","));
    }

    private Table modules(List<PluginStatus> plugins, List<WaitingModule> waiting) {
        Table.Builder table = Table.of("plugin", "module", "state", "bundle", "failure");
        for (PluginStatus plugin : plugins) {
            Map<String, Class<?>> types = new LinkedHashMap<>();
            initializer().declarations(plugin.pluginId()).orElse(List.of())
                    .forEach(d -> d.moduleId().ifPresent(m -> types.putIfAbsent(m, d.featureType())));
            for (String moduleId : plugin.moduleIds()) {
                Optional<ModuleStartupResult> result = plugin.lastStart().stream()
                        .flatMap(r -> r.modules().stream()).filter(m -> m.moduleId().equals(moduleId)).findFirst();
                Optional<StartupFailure> failure = result.flatMap(ModuleStartupResult::failure);
                String state = failure.isPresent() && plugin.state() == PluginState.STARTED ? "failed"
                        : result.isEmpty() && plugin.state() == PluginState.STARTED ? "installed" : state(plugin.state());
                table.row(plugin.pluginId(), moduleId, state,
                        Optional.ofNullable(types.get(moduleId)).map(this::bundle).orElse(null),
                        failure.map(BackendCommands::cause).orElse(null));
            }
        }
        for (WaitingModule module : waiting) {
            table.row(module.pluginId(), module.moduleId(), "waiting", bundleOnly(module.origin()),
                    "plugin '" + module.pluginId() + "' is not installed");
        }
        return table.build();
    }

    private Table configTable(Optional<SnapshotConfigService> config, String path) {
        Table.Builder table = Table.of("key", "value", "source");
        Map<String, String[]> rows = new LinkedHashMap<>();
        config.ifPresent(c -> addLeaves(c, path, rows));
        rows.forEach((key, row) -> table.row(key, row[0], row[1]));
        return table.build();
    }

    private static void flatten(String path, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> flatten(path.isEmpty() ? String.valueOf(key) : path + "." + key, child, into));
        } else if (value != null) {
            into.put(path, value);
        }
    }

    private static String sourceOf(SnapshotConfigService config, String key) {
        try {
            return config.sourceOf(key).orElse(null);
        } catch (RuntimeException unaddressable) {
            return null; // a key with characters the path syntax does not take
        }
    }

    private static void addPrefixes(String key, Set<String> into) {
        String stripped = key.replaceAll("\\[\\d+\\].*$", "");
        int dot = -1;
        while ((dot = stripped.indexOf('.', dot + 1)) >= 0) {
            into.add(stripped.substring(0, dot));
        }
        into.add(stripped);
    }

    private Optional<SnapshotConfigService> rootConfig() {
        return registry().existingInstance(CoreServices.ROOT_CONFIG, Scope.ROOT)
                .filter(SnapshotConfigService.class::isInstance).map(SnapshotConfigService.class::cast);
    }

    /** The plugin's own view (with its ConfigAdmin overlay in OSGi) when it exists, else the root configuration. */
    private Optional<SnapshotConfigService> pluginConfig(String pluginId) {
        return pluginView(pluginId)
                .or(this::rootConfig)
                .filter(c -> c.getOptional(pluginId).isPresent());
    }

    private String source(ServiceRef<?> ref) {
        Optional<String> source = registry().sourceOf(ref).map(s -> s.name().toLowerCase(Locale.ROOT));
        if (source.isPresent()) {
            return source.get();
        }
        return registry().factoriesFor(ref).isEmpty() ? "missing" : "ref default";
    }

    /** The bundle of an existing instance, preferring the plugin's own. */
    private Optional<String> provider(ServiceRef<?> ref, String pluginId) {
        return registry().existingInstance(ref, Scope.plugin(pluginId)).<Object>map(instance -> instance)
                .or(() -> registry().existingInstance(ref, Scope.ROOT))
                .map(this::instanceOrigin)
                .or(() -> registry().originOf(ref).map(BackendCommands::bundleOnly));
    }

    /** The bundle of an existing instance, else the bundle that registered the factory in effect. */
    private Optional<String> provider(ServiceRef<?> ref) {
        Optional<?> root = registry().existingInstance(ref, Scope.ROOT);
        if (root.isPresent()) {
            return root.map(this::instanceOrigin);
        }
        return registry().pluginsUsing(ref.id()).stream().findFirst()
                .flatMap(pluginId -> registry().existingInstance(ref, Scope.plugin(pluginId))).map(this::instanceOrigin)
                .or(() -> registry().originOf(ref).map(BackendCommands::bundleOnly));
    }

    private String instanceOrigin(Object instance) {
        Object sample = instance instanceof List<?> list && !list.isEmpty() ? list.get(0) : instance;
        return bundle(sample.getClass());
    }

    private String instantiatedFor(ServiceRef<?> ref) {
        List<String> holders = new ArrayList<>();
        if (registry().existingInstance(ref, Scope.ROOT).isPresent()) {
            holders.add("root");
        }
        holders.addAll(registry().pluginsUsing(ref.id()));
        return String.join(",", holders);
    }

    private ServiceScope scopeOf(ServiceRef<?> ref) {
        List<dev.backline.plugin.api.ServiceFactory<?>> factories = registry().factoriesFor(ref);
        return factories.isEmpty() ? ref.scope() : factories.get(0).service().scope();
    }

    private List<FeatureDeclaration> allDeclarations() {
        return initializer().plugins().stream()
                .flatMap(p -> initializer().declarations(p.pluginId()).orElse(List.of()).stream())
                .toList();
    }

    private Optional<Class<?>> pluginType(String pluginId) {
        return initializer().declarations(pluginId).orElse(List.of()).stream()
                .filter(d -> d.moduleId().isEmpty()).findFirst().map(FeatureDeclaration::featureType);
    }

    /** The status of a known plugin, or the error naming the closest known ids. */
    private PluginStatus status(String pluginId) {
        List<PluginStatus> all = initializer().plugins();
        return all.stream().filter(p -> p.pluginId().equals(pluginId)).findFirst()
                .orElseThrow(() -> ClosestIds.unknown("plugin", String.valueOf(pluginId),
                        all.stream().map(PluginStatus::pluginId).toList()));
    }

    /** "dev.backline.example.plugin 0.1.0 [27]" rather than "bundle dev.backline...". */
    private String bundle(Class<?> type) {
        return bundleOnly(origin.describe(type));
    }

    /** "bundle x 1.0 [3]" as the table shows it: "x 1.0 [3]". */
    private static String bundleOnly(String described) {
        return described.startsWith("bundle ") ? described.substring("bundle ".length()) : described;
    }

    private BackendInitializer initializer() {
        return backend.initializer();
    }

    private ServiceRegistry registry() {
        return initializer().registry();
    }

    private static String state(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String outcome(Optional<StartupFailure> failure) {
        return failure.map(f -> f.allowed() ? "failed (allowed)" : "failed").orElse("started");
    }

    private static String probe(RootHealthService.HealthCheckResult result) {
        return result.status() + " " + new java.util.TreeMap<>(result.payload());
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** The first line of the root cause as the startup log states it. */
    private static String cause(StartupFailure failure) {
        Throwable error = failure.error() instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure.error();
        String message = error instanceof dev.backline.runtime.wiring.WiringException || error.getMessage() == null
                ? String.valueOf(error.getMessage() == null ? error.getClass().getName() : error.getMessage())
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
