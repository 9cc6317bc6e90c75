package dojo.workshop;

/**
 * One learner of the roster.
 *
 * @param id short id, also the folder name of the learner's submissions (letters, digits, '.', '_', '-')
 * @param firstName first name (nbgrader's first_name)
 * @param lastName last name (nbgrader's last_name)
 * @param email e-mail address, may be empty
 * @param team team name, may be empty
 * @param language feedback language: en or zh
 */
public record Learner(String id, String firstName, String lastName, String email, String team, String language) {}
