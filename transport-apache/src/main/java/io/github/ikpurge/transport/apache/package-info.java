/**
 * The transport on Apache HttpClient 5: blocking calls on a pooled classic client, non-blocking
 * calls on a pooled async client.
 */
package io.github.ikpurge.transport.apache;
