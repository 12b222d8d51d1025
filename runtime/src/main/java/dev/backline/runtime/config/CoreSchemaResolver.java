package dev.backline.runtime.config;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Types plain YAML scalars by the YAML 1.2 core schema, as Backstage's loader (the {@code yaml} npm
 * package) does, instead of SnakeYAML's YAML 1.1 rules: {@code on}, {@code no}, {@code 1_000} and
 * timestamps stay strings; {@code 0o17} and {@code 0x1F} are integers.
 */
final class CoreSchemaResolver extends Resolver {

    // Longest plain scalar the resolver inspects; longer ones stay strings.
    private static final int LIMIT = 1024;

    private static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)$");

    @Override
    protected void addImplicitResolvers() {
        // Order matters within a first character: "7007" must be an int before the float rule sees it.
        addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF", LIMIT);
        addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789", LIMIT);
        addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.", LIMIT);
        addImplicitResolver(Tag.NULL, CORE_NULL, "~nN", LIMIT);
        addImplicitResolver(Tag.NULL, EMPTY, null, LIMIT);
    }
}
