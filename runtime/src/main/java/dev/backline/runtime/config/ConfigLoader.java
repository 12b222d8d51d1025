package dev.backline.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the root configuration as Backstage does: the config files in order (by default
 * {@code app-config.yaml}, then {@code app-config.local.yaml} if present; or the files given, as with
 * {@code --config}), each with its directives applied, then the {@code APP_CONFIG_} environment
 * overrides; later sources merge over earlier ones.
 *
 * <p>A loader can run again ({@link DefaultRootConfigService#reload()} does) and reads the files anew.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    public static final String DEFAULT_FILE = "app-config.yaml";
    public static final String LOCAL_FILE = "app-config.local.yaml";

    private final Path baseDirectory;
    private final List<Path> configFiles;
    private final Map<String, String> environment;
    private final boolean missingDefaultFileAllowed;
    private final boolean noFiles;

    private ConfigLoader(Builder builder) {
        this.baseDirectory = builder.baseDirectory;
        this.configFiles = List.copyOf(builder.configFiles);
        this.environment = Map.copyOf(builder.environment);
        this.missingDefaultFileAllowed = builder.missingDefaultFileAllowed;
        this.noFiles = builder.noFiles;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and merges all sources.
     *
     * @throws ConfigLoadException naming the file, line and key path, or the environment variable
     */
    public ConfigReader load() {
        ConfigDocumentParser parser = new ConfigDocumentParser();
        DirectiveResolver resolver = new DirectiveResolver(parser, new EnvSubstitution(environment));
        List<ConfigLayer> layers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (FileRef ref : filesToRead()) {
            layers.add(resolver.resolve(parser.parseConfigFile(ref.path(), ref.label())));
            labels.add(ref.label());
        }
        new EnvOverrides(parser).read(environment).ifPresent(layer -> {
            layers.add(layer);
            labels.add("environment (" + layer.sources().size() + " APP_CONFIG_ variables)");
        });
        // File names and variable names only: values may be secrets.
        LOG.info("Loaded config from {}", labels.stream().collect(Collectors.joining(", ")));
        return ConfigMerger.merge(layers);
    }

    private List<FileRef> filesToRead() {
        List<FileRef> refs = new ArrayList<>();
        if (noFiles) {
            return refs;
        }
        if (configFiles.isEmpty()) {
            Path main = baseDirectory.resolve(DEFAULT_FILE);
            if (!missingDefaultFileAllowed || Files.exists(main)) {
                refs.add(new FileRef(main, DEFAULT_FILE));
            }
            Path local = baseDirectory.resolve(LOCAL_FILE);
            if (Files.exists(local)) {
                refs.add(new FileRef(local, LOCAL_FILE));
            }
        } else {
            for (Path file : configFiles) {
                refs.add(new FileRef(baseDirectory.resolve(file), file.toString()));
            }
        }
        return refs;
    }

    /** A file to read and the name messages and provenance give it: as the operator wrote it. */
    private record FileRef(Path path, String label) {
    }

    @Override
    public String toString() {
        return "ConfigLoader{baseDirectory=" + baseDirectory + ", configFiles=" + configFiles + "}";
    }

    public static final class Builder {

        private Path baseDirectory = Path.of("").toAbsolutePath();
        private final List<Path> configFiles = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private boolean missingDefaultFileAllowed;
        private boolean noFiles;

        private Builder() {
        }

        /** Reads no file at all: the environment's {@code APP_CONFIG_} variables only. */
        public Builder environmentOnly() {
            this.noFiles = true;
            return this;
        }

        /** Where the default files are looked for and relative config files are resolved; default: the working directory. */
        public Builder baseDirectory(Path directory) {
            this.baseDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
            return this;
        }

        /** Adds a config file, like {@code --config}: read in the order added, later wins; replaces the defaults. */
        public Builder configFile(Path file) {
            configFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder configFiles(List<Path> files) {
            files.forEach(this::configFile);
            return this;
        }

        /** The variables for {@code APP_CONFIG_} overrides, {@code ${VAR}} and {@code $env}; default: the process environment. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * Without explicit files, a missing {@code app-config.yaml} is not an error: the configuration is
         * then built from {@code app-config.local.yaml} and the environment alone.
         */
        public Builder allowMissingDefaultFile() {
            this.missingDefaultFileAllowed = true;
            return this;
        }

        public ConfigLoader build() {
            return new ConfigLoader(this);
        }
    }
}
