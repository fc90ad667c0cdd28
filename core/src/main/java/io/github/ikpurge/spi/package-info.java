/**
 * The outbound ports: what a transport or a JSON codec implements. This is the only contract a
 * transport sees.
 */
package io.github.ikpurge.spi;
