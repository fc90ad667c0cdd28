package io.github.ikpurge.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every combination of some values, one from each axis, as a parameterized test's arguments. */
final class Combinations {

  private Combinations() {}

  /**
   * Returns the arguments for every combination, the first axis varying slowest.
   *
   * @param axes the values of each parameter, in order
   * @return one {@link Arguments} per combination
   */
  static Stream<Arguments> of(List<?>... axes) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of());
    for (List<?> axis : axes) {
      List<List<Object>> longer = new ArrayList<>();
      for (List<Object> row : rows) {
        for (Object value : axis) {
          List<Object> next = new ArrayList<>(row);
          next.add(value);
          longer.add(next);
        }
      }
      rows = longer;
    }
    return rows.stream().map(row -> Arguments.of(row.toArray()));
  }
}
