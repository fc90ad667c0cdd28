/** How the JSON-B codec reads and writes; not exported. */
package io.github.ikpurge.json.jsonb.internal;
