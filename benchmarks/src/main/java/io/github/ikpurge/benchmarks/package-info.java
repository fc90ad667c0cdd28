/** JMH benchmarks of the SDK against the same calls written by hand on each HTTP library. */
package io.github.ikpurge.benchmarks;
