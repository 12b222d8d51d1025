/** Jetty-specific settings of Felix HTTP: JSON bodies for the errors Jetty answers itself. Private. */
package dev.backline.http.jetty;
