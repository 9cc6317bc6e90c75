/**
 * Tiny seeded datasets made by the framework (nothing is downloaded), each chosen so that attention is
 * needed to solve it; each generator is documented on its class and returns deterministic, disjoint
 * train / validation / test splits ({@link dojo.models.data.Split}).
 */
package dojo.models.data;
