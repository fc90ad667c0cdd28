/** Internals of the Feign transport. Not exported. */
package io.github.ikpurge.transport.feign.internal;
