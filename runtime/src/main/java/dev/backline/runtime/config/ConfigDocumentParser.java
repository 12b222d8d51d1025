package dev.backline.runtime.config;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Parses YAML config files (and JSON text) into plain data, remembering the line of every key.
 *
 * <p>Works on SnakeYAML's node tree rather than its constructed objects, to keep line numbers, to
 * refuse duplicate keys and keys with '.', and to type scalars by the YAML 1.2 core schema.
 * Messages never quote file content: a syntax error's snippet could show a secret.
 */
final class ConfigDocumentParser {

    private static final Pattern JSON_LITERAL =
            Pattern.compile("true|false|null|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

    /** The text is not JSON; {@link #getMessage()} says why, without quoting it. */
    static final class NotJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        NotJsonException(String reason) {
            super(reason);
        }
    }

    /** A problem found while converting nodes, located in the document; callers add the file or variable. */
    static final class DocumentProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final String keyPath;

        DocumentProblem(int line, String keyPath, String problem) {
            super(problem);
            this.line = line;
            this.keyPath = keyPath;
        }
    }

    /** A config file: its top level must be a mapping; an empty file is an empty mapping. */
    ParsedDocument parseConfigFile(Path file, String label) {
        ParsedDocument document = parseFile(file, label);
        if (document.root() == null) {
            return new ParsedDocument(file, label, new LinkedHashMap<String, Object>(), document.lines());
        }
        if (!(document.root() instanceof Map<?, ?>)) {
            throw ConfigLoadException.inFile(label, document.lineOf(""), null,
                    "the top level must be a mapping of keys to values, got " + PlainData.typeOf(document.root()));
        }
        return document;
    }

    /** Any YAML or JSON file; its root may be any value, or null when empty. */
    ParsedDocument parseFile(Path file, String label) {
        if (!Files.isRegularFile(file)) {
            throw ConfigLoadException.inFile(label, 0, null, "the file does not exist (resolved to '"
                    + file.toAbsolutePath().normalize() + "')");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw ConfigLoadException.inFile(label, 0, 0, null, "the file is not valid UTF-8", e);
        } catch (IOException e) {
            throw ConfigLoadException.inFile(label, 0, 0, null, "the file could not be read: " + e, e);
        }
        Node node;
        try {
            node = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            throw ConfigLoadException.inFile(label, line, column, null, "YAML syntax error: " + describe(e), e);
        } catch (YAMLException e) {
            throw ConfigLoadException.inFile(label, 0, 0, null, "YAML error: " + e.getMessage(), e);
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        try {
            Object root = node == null ? null : convert(node, "", lines, true, Collections.newSetFromMap(new IdentityHashMap<>()));
            if (node != null) {
                lines.put("", node.getStartMark().getLine() + 1);
            }
            return new ParsedDocument(file, label, root, Collections.unmodifiableMap(lines));
        } catch (DocumentProblem problem) {
            throw ConfigLoadException.inFile(label, problem.line, 0, problem.keyPath, problem.getMessage(), null);
        }
    }

    /**
     * Parses JSON text (as {@code APP_CONFIG_} values carry it). YAML parses it, then the node tree is
     * checked to be JSON: flow collections, double-quoted keys and strings, JSON literals. Keys are
     * not checked here; nulls are kept.
     */
    Object parseJson(String text) throws NotJsonException {
        Node node;
        try {
            node = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new NotJsonException(describe(e)
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")"));
        } catch (YAMLException e) {
            throw new NotJsonException(e.getMessage());
        }
        if (node == null) {
            throw new NotJsonException("no value");
        }
        checkJsonShape(node);
        try {
            return convert(node, "", new LinkedHashMap<>(), false, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (DocumentProblem problem) {
            throw new NotJsonException(problem.getMessage());
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options,
                new CoreSchemaResolver());
    }

    private static String describe(MarkedYAMLException e) {
        // getMessage() would add a snippet of the file around the mark; problem and context do not.
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        return e.getContext() == null ? problem : e.getContext() + ", " + problem;
    }

    private static void checkJsonShape(Node node) throws NotJsonException {
        if (node instanceof MappingNode mapping) {
            if (mapping.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
                throw new NotJsonException("a YAML mapping, not a JSON object");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)
                        || key.getScalarStyle() != DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                    throw new NotJsonException("object keys must be double-quoted strings");
                }
                checkJsonShape(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            if (sequence.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
                throw new NotJsonException("a YAML list, not a JSON array");
            }
            for (Node item : sequence.getValue()) {
                checkJsonShape(item);
            }
        } else if (node instanceof ScalarNode scalar) {
            boolean quoted = scalar.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            boolean literal = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && JSON_LITERAL.matcher(scalar.getValue()).matches();
            if (!quoted && !literal) {
                throw new NotJsonException("not a JSON value (strings must be double-quoted)");
            }
        } else {
            throw new NotJsonException("not a JSON value");
        }
    }

    /**
     * @param strictKeys for files: refuse duplicate keys and keys containing '.', with their line
     */
    private static Object convert(Node node, String path, Map<String, Integer> lines, boolean strictKeys,
            Set<Node> active) {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, path, line);
        }
        if (!active.add(node)) {
            throw new DocumentProblem(line, path, "a YAML alias refers to a value that contains it");
        }
        try {
            if (node instanceof MappingNode mapping) {
                if (!Tag.MAP.equals(mapping.getTag())) {
                    throw new DocumentProblem(line, path, "unsupported YAML tag " + mapping.getTag());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    int keyLine = keyNode.getStartMark().getLine() + 1;
                    if (!(keyNode instanceof ScalarNode keyScalar)) {
                        throw new DocumentProblem(keyLine, path, "a key must be a plain value, not a mapping or list");
                    }
                    String key = keyScalar.getValue();
                    String childPath = KeyPaths.child(path, key);
                    if (strictKeys) {
                        if (key.contains(".")) {
                            // Readers split key paths on '.', so such a key could never be read back.
                            throw new DocumentProblem(keyLine, path, "the key '" + key
                                    + "' contains '.', which separates key paths; write it as nested keys instead");
                        }
                        if (out.containsKey(key)) {
                            throw new DocumentProblem(keyLine, childPath, "duplicate key '" + key + "'");
                        }
                    }
                    lines.put(childPath, keyLine);
                    out.put(key, convert(tuple.getValueNode(), childPath, lines, strictKeys, active));
                }
                return out;
            }
            if (node instanceof SequenceNode sequence) {
                if (!Tag.SEQ.equals(sequence.getTag())) {
                    throw new DocumentProblem(line, path, "unsupported YAML tag " + sequence.getTag());
                }
                List<Object> out = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    String itemPath = KeyPaths.element(path, out.size());
                    lines.put(itemPath, item.getStartMark().getLine() + 1);
                    out.add(convert(item, itemPath, lines, strictKeys, active));
                }
                return out;
            }
            throw new DocumentProblem(line, path, "unsupported YAML node");
        } finally {
            active.remove(node);
        }
    }

    private static Object scalar(ScalarNode scalar, String path, int line) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        try {
            if (Tag.STR.equals(tag)) {
                return text;
            }
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
                }
                throw new DocumentProblem(line, path, "a value tagged " + tag + " is not true or false");
            }
            if (Tag.INT.equals(tag)) {
                return integer(text);
            }
            if (Tag.FLOAT.equals(tag)) {
                return floating(text);
            }
        } catch (NumberFormatException e) {
            throw new DocumentProblem(line, path, "a value tagged " + tag + " is not a number of that kind");
        }
        throw new DocumentProblem(line, path, "unsupported YAML tag " + tag);
    }

    private static Number integer(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (t.startsWith("0o")) {
            value = new BigInteger(t.substring(2), 8);
        } else if (t.startsWith("0x")) {
            value = new BigInteger(t.substring(2), 16);
        } else {
            value = new BigInteger(t);
        }
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
    }

    private static Double floating(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf":
            case "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }
}
