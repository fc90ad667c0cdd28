/** The engine. Not exported: nothing here is API, and it may change in any release. */
package io.github.ikpurge.internal;
