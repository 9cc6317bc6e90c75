/**
 * Study-group workshops: a configuration ({@code workshop.yaml}), starter releases with a leak check, collecting
 * submissions, sandboxed batch grading (one JVM per submission, package {@code dojo.workshop.sandbox}), the gradebook,
 * per-learner feedback, the cohort report and similarity. Engines here never print; {@code dojo.cli.WorkshopCommand}
 * is the front-end.
 */
package dojo.workshop;
