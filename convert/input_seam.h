/*
 * For tests only: a deterministic way to change a file while
 * ddor_input_read reads it.  A real writer racing the reader would make a
 * test pass or fail by timing; this seam runs the change at the one moment
 * that matters, after the last byte is read and before the file is looked
 * at again.  Not part of convert.h: the program never sets it.
 */
#ifndef DDOR_CONVERT_INPUT_SEAM_H
#define DDOR_CONVERT_INPUT_SEAM_H

/* AFTER_READ (NULL: none) is called with the path given to
 * ddor_input_read once its bytes are read, before the second fstat. */
void convert_input_seam(void (*after_read)(const char *path));

#endif
