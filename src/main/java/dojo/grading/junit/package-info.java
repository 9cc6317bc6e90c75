/** The JUnit 5 side of grading: suite annotations, the extension that hands suites the learner's objects, and the listener that prints the scoreboard after {@code mvn test}. */
package dojo.grading.junit;
