/**
 * Purging many URLs: {@link io.github.ikpurge.bulk.BulkPurge} sends them at bounded concurrency,
 * paced by the client's rate limiter, reports one {@link io.github.ikpurge.bulk.UrlOutcome} per URL
 * as it happens, optionally keeps a journal that makes a run resumable, and waits for the accepted
 * purges to complete.
 */
package io.github.ikpurge.bulk;
