/**
 * The JSON-B codec: {@link io.github.ikpurge.json.jsonb.JsonbCodec} and its provider, {@code jsonb}
 * (priority 100, above core's built-in codec). Select it, or the built-in one, with the system
 * property {@code ikpurge.json}.
 */
package io.github.ikpurge.json.jsonb;
