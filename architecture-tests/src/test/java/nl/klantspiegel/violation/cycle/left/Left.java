package nl.klantspiegel.violation.cycle.left;

import nl.klantspiegel.violation.cycle.right.Right;

/** Deliberately wrong: one half of a package cycle. */
public class Left {
    Right right;
}
