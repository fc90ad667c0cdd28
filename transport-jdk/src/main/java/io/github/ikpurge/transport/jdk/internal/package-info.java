/** Internals of the JDK transport. Not exported. */
package io.github.ikpurge.transport.jdk.internal;
