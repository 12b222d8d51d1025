package dev.backline.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a config file asks for beyond plain data: {@code ${VAR}} substitution in strings and
 * the single-key directives {@code $env: VAR}, {@code $file: path} and {@code $include: file#a.b}
 * (paths relative to the file that says them). Drops nulls and whatever an unset variable left
 * without a value. Errors name the file, the line and the full key path.
 */
final class DirectiveResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DirectiveResolver.class);

    static final String ENV = "$env";
    static final String FILE = "$file";
    static final String INCLUDE = "$include";
    private static final Set<String> DIRECTIVES = Set.of(ENV, FILE, INCLUDE);
    private static final Set<String> INCLUDE_EXTENSIONS = Set.of(".yaml", ".yml", ".json");

    /** Marks "no value here": the key or array element is left out. */
    private static final Object ABSENT = new Object();

    private final ConfigDocumentParser parser;
    private final EnvSubstitution substitution;

    DirectiveResolver(ConfigDocumentParser parser, EnvSubstitution substitution) {
        this.parser = parser;
        this.substitution = substitution;
    }

    /** The file's data with directives applied, and the provenance of what it included. */
    ConfigLayer resolve(ParsedDocument document) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("", document.label());
        Deque<Path> including = new ArrayDeque<>();
        including.push(canonical(document.file()));
        Object resolved = resolveValue(document.root(), document, "", "", sources, including);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = resolved instanceof Map<?, ?> ? (Map<String, Object>) resolved : Map.of();
        return new ConfigLayer(data, sources);
    }

    /**
     * @param docPath  where the value sits in {@code document} (for its line)
     * @param fullPath where the value lands in the configuration (for messages and provenance)
     */
    private Object resolveValue(Object value, ParsedDocument document, String docPath, String fullPath,
            Map<String, String> sources, Deque<Path> including) {
        if (value == null) {
            return ABSENT;
        }
        if (value instanceof String text) {
            Optional<String> substituted = substitution.apply(text, variable -> LOG.debug(
                    "Config value at '{}' in '{}' is left out: environment variable {} is not set",
                    fullPath, document.label(), variable));
            return substituted.isPresent() ? substituted.get() : ABSENT;
        }
        if (value instanceof Map<?, ?> map) {
            Optional<String> directive = directiveKey(map, document, docPath, fullPath);
            if (directive.isPresent()) {
                return applyDirective(directive.get(), map.get(directive.get()), document, docPath, fullPath, sources,
                        including);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                Object resolved = resolveValue(entry.getValue(), document, KeyPaths.child(docPath, key),
                        KeyPaths.child(fullPath, key), sources, including);
                if (resolved != ABSENT) {
                    out.put(key, resolved);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                // Left-out elements close the gap, so the landing index may be smaller than the file's.
                Object resolved = resolveValue(list.get(i), document, KeyPaths.element(docPath, i),
                        KeyPaths.element(fullPath, out.size()), sources, including);
                if (resolved != ABSENT) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    /**
     * The directive this mapping is, if any. A known directive must be the mapping's only key; a
     * single {@code $...} key that is no directive is a mistake worth stopping for.
     */
    private Optional<String> directiveKey(Map<?, ?> map, ParsedDocument document, String docPath, String fullPath) {
        for (Object key : map.keySet()) {
            if (DIRECTIVES.contains(key)) {
                if (map.size() != 1) {
                    throw error(document, KeyPaths.child(docPath, (String) key), fullPath, "the directive " + key
                            + " must be the only key of its mapping, but it has " + (map.size() - 1)
                            + " other key(s)");
                }
                return Optional.of((String) key);
            }
        }
        if (map.size() == 1) {
            String key = (String) map.keySet().iterator().next();
            if (key.startsWith("$")) {
                throw error(document, KeyPaths.child(docPath, key), fullPath, "unknown directive '" + key
                        + "' (known: $env, $file, $include)");
            }
        }
        return Optional.empty();
    }

    private Object applyDirective(String directive, Object argument, ParsedDocument document, String docPath,
            String fullPath, Map<String, String> sources, Deque<Path> including) {
        String argumentPath = KeyPaths.child(docPath, directive);
        if (!(argument instanceof String raw)) {
            throw error(document, argumentPath, fullPath, "the value of " + directive + " must be a string, got "
                    + PlainData.typeOf(argument));
        }
        Optional<String> substituted = substitution.apply(raw, unsetVariable -> {
            // reported as an error just below
        });
        if (substituted.isEmpty()) {
            throw error(document, argumentPath, fullPath, "the value of " + directive
                    + " refers to an environment variable that is not set");
        }
        String target = substituted.get();
        switch (directive) {
            case ENV:
                return substitution.variable(target).<Object>map(v -> v).orElse(ABSENT);
            case FILE:
                return readFile(target, document, argumentPath, fullPath, sources);
            default:
                return include(target, document, argumentPath, fullPath, sources, including);
        }
    }

    private Object readFile(String target, ParsedDocument document, String argumentPath, String fullPath,
            Map<String, String> sources) {
        Path file = document.directory().resolve(target).normalize();
        if (!Files.isRegularFile(file)) {
            throw error(document, argumentPath, fullPath, "$file '" + target + "' does not exist (resolved to '"
                    + file + "')");
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            sources.put(fullPath, labelFor(document, target));
            // Backstage trims the end: files written by editors and secret mounts end with a newline.
            return content.stripTrailing();
        } catch (CharacterCodingException e) {
            throw error(document, argumentPath, fullPath, "$file '" + target + "' is not valid UTF-8 text");
        } catch (IOException e) {
            throw error(document, argumentPath, fullPath, "$file '" + target + "' could not be read: " + e);
        }
    }

    private Object include(String target, ParsedDocument document, String argumentPath, String fullPath,
            Map<String, String> sources, Deque<Path> including) {
        int hash = target.indexOf('#');
        String filePart = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash + 1);
        String lowerName = filePart.toLowerCase(Locale.ROOT);
        if (INCLUDE_EXTENSIONS.stream().noneMatch(lowerName::endsWith)) {
            throw error(document, argumentPath, fullPath, "$include '" + filePart
                    + "' has no configuration parser; use a .yaml, .yml or .json file");
        }
        Path file = document.directory().resolve(filePart).normalize();
        if (!Files.isRegularFile(file)) {
            throw error(document, argumentPath, fullPath, "$include '" + filePart + "' does not exist (resolved to '"
                    + file + "')");
        }
        Path canonical = canonical(file);
        if (including.contains(canonical)) {
            throw error(document, argumentPath, fullPath, "$include '" + filePart
                    + "' includes itself, directly or through other files");
        }
        String label = labelFor(document, filePart);
        ParsedDocument included = parser.parseFile(file, label);
        Object selected = included.root();
        String selectedPath = "";
        if (!fragment.isEmpty()) {
            for (String part : fragment.split("\\.", -1)) {
                if (!(selected instanceof Map<?, ?> map) || !map.containsKey(part)) {
                    throw error(document, argumentPath, fullPath, "$include '" + target + "': included file '"
                            + label + "' has no value at '" + KeyPaths.child(selectedPath, part) + "'");
                }
                selected = map.get(part);
                selectedPath = KeyPaths.child(selectedPath, part);
            }
        }
        sources.put(fullPath, label);
        including.push(canonical);
        try {
            return resolveValue(selected, included, selectedPath, fullPath, sources, including);
        } finally {
            including.pop();
        }
    }

    /** A referenced file as messages name it: next to the file that referenced it. */
    private static String labelFor(ParsedDocument document, String target) {
        return Path.of(document.label()).resolveSibling(target).normalize().toString();
    }

    private static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static ConfigLoadException error(ParsedDocument document, String docPath, String fullPath,
            String problem) {
        return ConfigLoadException.inFile(document.label(), document.lineOf(docPath), fullPath, problem);
    }
}
