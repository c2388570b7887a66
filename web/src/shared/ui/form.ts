import styles from './Form.module.css';

/** The class of a <form>: its fields one under the other. */
export const formClass = styles.form;
/** The class of a hint under a control, for a field laid out by hand. */
export const hintClass = styles.hint;
/** The class of a field laid out by hand (a label that changes with the choice above it). */
export const fieldClass = styles.field;
