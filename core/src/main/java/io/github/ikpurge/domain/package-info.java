/**
 * The values of the purge API: statuses, request ids, results, rate limits and response metadata.
 */
package io.github.ikpurge.domain;
