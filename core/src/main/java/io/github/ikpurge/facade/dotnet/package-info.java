/** The .NET-style facade, named as in ImageKit's .NET SDK. */
package io.github.ikpurge.facade.dotnet;
