package io.github.ikpurge.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A whole application with nothing of its own: the starter gives it its PurgeClient. */
@SpringBootApplication
public class PurgeApplication {}
