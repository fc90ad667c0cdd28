/**
 * The JSON codec built into core, {@link io.github.ikpurge.json.BuiltInJsonCodec}: an adapter of
 * the {@link io.github.ikpurge.spi.JsonCodec} port that needs no library.
 */
package io.github.ikpurge.json;
