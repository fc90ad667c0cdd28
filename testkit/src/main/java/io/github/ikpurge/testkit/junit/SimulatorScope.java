package io.github.ikpurge.testkit.junit;

/** How long a simulator started by {@link ImageKitSimulatorExtension} lives. */
public enum SimulatorScope {

  /** A fresh simulator for each test method, closed after it. */
  PER_TEST,

  /** One simulator for all the tests of a class and its nested classes, closed after them. */
  PER_CLASS
}
