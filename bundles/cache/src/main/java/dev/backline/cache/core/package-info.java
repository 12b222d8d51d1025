/** {@code core.cache} in plain Java: per-plugin namespaces over Caffeine in memory or Redis through Jedis. */
package dev.backline.cache.core;
