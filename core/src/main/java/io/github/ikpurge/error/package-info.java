/**
 * The error model: every failure is an unchecked {@link io.github.ikpurge.error.ImageKitException},
 * with subclasses for what callers branch on.
 */
package io.github.ikpurge.error;
