package nl.klantspiegel.violation.cycle.right;

import nl.klantspiegel.violation.cycle.left.Left;

/** Deliberately wrong: the other half of a package cycle. */
public class Right {
    Left left;
}
