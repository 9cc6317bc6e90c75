/** The quiz engine as pure logic: selecting questions, checking and scoring answers, and turning them into review events; no I/O. */
package dojo.quiz;
