/*
 * folder_swap: replacing the datasets of a folder all at once.
 *
 * Renaming files one by one can be interrupted between two renames, which
 * would leave a folder mixing old and new datasets.  So the new datasets
 * are written into a hidden sibling folder, every other entry of the
 * output folder is hard-linked into it, and the two folders are exchanged
 * with one renameat2(RENAME_EXCHANGE): whenever the program is killed, the
 * output folder is either the old one or the new one.
 *
 * Where that cannot be done (the parent folder is not writable, the file
 * system has no exchange, the folder holds subfolders of the user's, is
 * owned by someone else, or is the current folder), the sibling is made
 * inside the output folder instead and its files are renamed into place
 * one by one: each dataset is still either old or new, but a kill between
 * two renames can mix them.
 */
#ifndef DDOR_EMIT_FOLDER_SWAP_H
#define DDOR_EMIT_FOLDER_SWAP_H

typedef struct {
    char *dir;          /* the output folder, as given */
    char *real_dir;     /* the same, resolved: what is exchanged */
    char *staging;      /* where the new files are written */
    int in_place;       /* staging is inside dir: commit file by file */
    const char *own;    /* a subfolder of the program's own, or NULL */
    int (*ours)(const char *name); /* is NAME a file the program writes? */
    void (*step)(const char *what); /* called between steps, or NULL */
} folder_swap;

/* Makes the staging folder for DIR (which exists).  OWN names a subfolder
 * of DIR that belongs to the program (regular files only) and is carried
 * over; OURS tells the names of the files the program writes (and may
 * delete when left behind); STEP, if not NULL, is called between steps.
 * Returns 0, or -1 with errno set. */
int folder_swap_begin(folder_swap *s, const char *dir, const char *own,
                      int (*ours)(const char *name),
                      void (*step)(const char *what));

/* Puts the files written into s->staging in place of those of DIR, every
 * other entry of DIR kept.  Returns 0, or -1 with errno set and *failed
 * naming the file that could not be put in place (NULL when none is to
 * blame), DIR then being as before. */
int folder_swap_commit(folder_swap *s, const char **failed);

/* Removes what is left of the staging folder and frees S. */
void folder_swap_end(folder_swap *s);

/* Removes the staging folders left beside or inside DIR by runs that were
 * killed (OWN and OURS as for folder_swap_begin); never a file that DIR
 * does not also hold, unless OURS claims it.  Best effort. */
void folder_swap_clean_stale(const char *dir, const char *own,
                             int (*ours)(const char *name));

#endif
