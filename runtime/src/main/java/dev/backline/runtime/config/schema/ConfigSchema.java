package dev.backline.runtime.config.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * One configuration schema: a JSON Schema document describing the whole configuration tree (as
 * Backstage's {@code configSchema} does), compiled, with the key paths it marks secret.
 *
 * <p>The schema dialect is draft-07 unless the document names another with {@code $schema}. The custom
 * keywords {@code visibility} ({@code frontend}, {@code backend}, {@code secret}) and
 * {@code deepVisibility} are accepted and do not validate anything. Strings that read as numbers or
 * booleans pass for {@code number}, {@code integer} and {@code boolean}, because the typed config getters
 * accept them too ({@code ${PORT}} substitutions are strings).
 */
public final class ConfigSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> {
                for (JsonMetaSchema standard : Set.of(JsonMetaSchema.getV4(), JsonMetaSchema.getV6(),
                        JsonMetaSchema.getV7(), JsonMetaSchema.getV201909(), JsonMetaSchema.getV202012())) {
                    builder.metaSchema(JsonMetaSchema.builder(standard)
                            .keyword(new NonValidationKeyword(SecretPaths.VISIBILITY))
                            .keyword(new NonValidationKeyword(SecretPaths.DEEP_VISIBILITY))
                            .build());
                }
            });
    private static final SchemaValidatorsConfig VALIDATION = SchemaValidatorsConfig.builder()
            .typeLoose(true)
            .locale(Locale.ENGLISH)
            .build();

    private final String origin;
    private final JsonNode document;
    private final JsonSchema compiled;
    private final Set<String> secretPaths;

    private ConfigSchema(String origin, JsonNode document, JsonSchema compiled) {
        this.origin = origin;
        this.document = document;
        this.compiled = compiled;
        this.secretPaths = SecretPaths.of(document);
    }

    /**
     * Parses and compiles a schema.
     *
     * @param origin where the schema comes from, for messages ({@code config.schema.json of bundle x 1.0.0})
     * @throws ConfigSchemaException naming {@code origin} when the text is not JSON or not a valid schema
     */
    public static ConfigSchema parse(String origin, String json) {
        Objects.requireNonNull(origin, "origin");
        try {
            return of(origin, JSON.readTree(Objects.requireNonNull(json, "json")));
        } catch (JsonProcessingException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        }
    }

    /** Like {@link #parse(String, String)}, reading UTF-8 JSON from {@code in} (which stays open). */
    public static ConfigSchema parse(String origin, InputStream in) {
        Objects.requireNonNull(origin, "origin");
        try {
            return of(origin, JSON.readTree(in));
        } catch (JsonProcessingException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " could not be read: " + e, e);
        }
    }

    private static ConfigSchema of(String origin, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new ConfigSchemaException("Configuration schema " + origin + " must be a JSON object, got "
                    + (document == null || document.isMissingNode() ? "nothing" : document.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            return new ConfigSchema(origin, document, FACTORY.getSchema(document, VALIDATION));
        } catch (RuntimeException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " is not a valid JSON Schema: "
                    + e.getMessage(), e);
        }
    }

    /** Where this schema comes from, as given to {@link #parse}. */
    public String origin() {
        return origin;
    }

    /** The schema document. */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** Dotted key paths from the root whose values this schema marks {@code visibility: secret}. */
    public Set<String> secretPaths() {
        return secretPaths;
    }

    JsonSchema compiled() {
        return compiled;
    }

    @Override
    public String toString() {
        return "ConfigSchema{" + origin + "}";
    }
}
