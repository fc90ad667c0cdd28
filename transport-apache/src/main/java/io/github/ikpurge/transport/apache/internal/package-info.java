/** Internals of the Apache HttpClient transport. Not exported. */
package io.github.ikpurge.transport.apache.internal;
