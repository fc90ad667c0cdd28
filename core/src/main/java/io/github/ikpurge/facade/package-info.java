/** The Java-style facade, named as in ImageKit's Java SDK. */
package io.github.ikpurge.facade;
