/** The built-in JSON codec. Not exported. */
package io.github.ikpurge.internal.json;
