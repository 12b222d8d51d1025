package dev.backline.example.catalog.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/** Checks catalog entities; modules contribute processors through {@link CatalogProcessingExtensionPoint}. */
@ConsumerType
public interface CatalogProcessor {

    /** A name for logs and listings. */
    String name();

    /** The problems found in an entity; empty when it is valid. */
    List<String> validate(Map<String, Object> entity);
}
