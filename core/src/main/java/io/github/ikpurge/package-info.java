/**
 * The inbound API: {@link io.github.ikpurge.PurgeClient}, its asynchronous view and its settings.
 */
package io.github.ikpurge;
