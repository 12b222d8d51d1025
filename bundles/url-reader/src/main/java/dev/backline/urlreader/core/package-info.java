/**
 * {@code core.urlReader} in plain Java: the providers of reader bundles first, then plain HTTP(S) on the JDK's
 * HttpClient within {@code backend.reading}'s allow list, size limit and time-out.
 */
package dev.backline.urlreader.core;
