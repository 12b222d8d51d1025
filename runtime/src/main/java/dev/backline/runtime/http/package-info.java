/**
 * HTTP for a backend, on the Jakarta Servlet API but no container: the route table that plugin and root
 * routers mount into, and one dispatcher servlet that serves {@code /api/<pluginId>/...}, the health
 * probes and root routes. The OSGi host registers the dispatcher on the servlet whiteboard; an embedder
 * can put it in any servlet container.
 */
package dev.backline.runtime.http;
