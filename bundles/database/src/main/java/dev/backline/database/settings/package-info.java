/**
 * Reading {@code backend.database} into one plugin's database settings, with Backstage's rules and errors
 * that name the key path and the plugin. Plain Java.
 */
package dev.backline.database.settings;
