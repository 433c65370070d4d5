package vn.loaxa.faults;

import java.util.List;

/**
 * One fault's outcome. {@code receivers}: the deliveries the fault covers. {@code lost}: a final event an agent
 * logged that the server does not hold. {@code duplicated}: a delivery an agent started or finished more than once.
 * {@code wrong}: a delivery whose stored state is not the fault's expectation, for any other reason.
 */
record FaultRow(
        String fault,
        String label,
        int receivers,
        int playsLogged,
        int playedStored,
        int lost,
        int duplicated,
        int wrong,
        List<String> notes) {

    boolean clean() {
        return lost == 0 && duplicated == 0 && wrong == 0;
    }

    String markdown() {
        return "| %s | %s | %d | %d | %d | %d | %d | %d |"
                .formatted(fault, label, receivers, playsLogged, playedStored, lost, duplicated, wrong);
    }
}
