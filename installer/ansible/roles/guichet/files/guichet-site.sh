#!/bin/sh
# The file work of the guichet role, run on the kiosk by Ansible's `script` module: compares a
# staged site (config.toml and its folders) with what is in place, puts it in place keeping the
# previous files for rollback, and puts the previous files back.
#
#   guichet-site.sh diff    STAGE LIVE ITEM...          prints "new|changed|removed|owner: PATH", exit 1 if any
#   guichet-site.sh install STAGE LIVE BACKUP PENDING ITEM...
#                                   BACKUP := what LIVE holds, PENDING made, then LIVE := STAGE
#   guichet-site.sh restore LIVE BACKUP ITEM...         LIVE := BACKUP
#   guichet-site.sh show    STAGE LIVE ITEM...          the changes, as `diff -ru` from LIVE to STAGE
#
# ITEM is a name under each folder (config.toml, allowlists, demarches). An ITEM missing from the
# source is removed from the destination: a site that drops its démarches folder drops it on the
# kiosk too. Files in place are owned by root, readable by the group `guichet` only (0640, folders
# 0750): the configuration may hold the advisor PIN's hash.
set -eu

usage() {
  echo "guichet-site.sh: expected diff STAGE LIVE ITEM..., show STAGE LIVE ITEM..., install STAGE LIVE BACKUP PENDING ITEM... or restore LIVE BACKUP ITEM..." >&2
  exit 2
}

# One line per folder, file and link under ITEM: its path, kind and mode, and a file's checksum
# or a link's target. Two trees have the same manifest exactly when they hold the same names with
# the same contents and modes.
manifest() {
  root="$1"
  shift
  [ -d "$root" ] || return 0
  (
    cd "$root"
    for item in "$@"; do
      [ -e "$item" ] || [ -L "$item" ] || continue
      find "$item" -printf '%p\t%y %m %l\t' \( -type f -exec sha256sum {} \; -o -printf '\n' \)
    done
  ) | LC_ALL=C sort
}

# Folders and files under ITEM not owned by root and the group guichet, as "owner: PATH".
wrong_owners() {
  root="$1"
  shift
  [ -d "$root" ] || return 0
  (
    cd "$root"
    for item in "$@"; do
      [ -e "$item" ] || continue
      find "$item" \( ! -user root -o ! -group guichet \) -printf 'owner: %p\n' 2>/dev/null
    done
  )
}

# Copies SOURCE/ITEM to DEST/ITEM through DEST/.ITEM.new and renames, so that ITEM is never half
# written; a missing SOURCE/ITEM removes DEST/ITEM.
replace_item() {
  source="$1" dest="$2" item="$3"
  rm -rf "$dest/.$item.new" "$dest/.$item.old"
  if [ -e "$source/$item" ]; then
    cp -a "$source/$item" "$dest/.$item.new"
    chown -R root:guichet "$dest/.$item.new"
    find "$dest/.$item.new" -type d -exec chmod 0750 {} +
    find "$dest/.$item.new" -type f -exec chmod 0640 {} +
    if [ -d "$dest/.$item.new" ] && [ -e "$dest/$item" ]; then
      # A folder cannot be renamed over a folder that is not empty: the old one steps aside.
      mv "$dest/$item" "$dest/.$item.old"
    fi
    mv -T "$dest/.$item.new" "$dest/$item"
    rm -rf "$dest/.$item.old"
  else
    rm -rf "$dest/$item"
  fi
}

[ $# -ge 1 ] || usage
command="$1"
shift
case "$command" in
  diff)
    [ $# -ge 3 ] || usage
    stage="$1" live="$2"
    shift 2
    in_place=$(mktemp)
    trap 'rm -f "$in_place"' EXIT
    manifest "$live" "$@" > "$in_place"
    report=$(
      manifest "$stage" "$@" | LC_ALL=C diff "$in_place" - | awk -F '\t' '
        /^< / { gone[substr($1, 3)] = 1 }
        /^> / { came[substr($1, 3)] = 1 }
        END {
          for (p in came) print ((p in gone) ? "changed: " : "new: ") p
          for (p in gone) if (!(p in came)) print "removed: " p
        }'
      wrong_owners "$live" "$@"
    )
    [ -z "$report" ] && exit 0
    printf '%s\n' "$report" | LC_ALL=C sort
    exit 1
    ;;
  show)
    [ $# -ge 3 ] || usage
    stage="$1" live="$2"
    shift 2
    # An item on one side only is compared with nothing: an empty folder, or /dev/null.
    nothing=$(mktemp -d)
    trap 'rmdir "$nothing"' EXIT
    for item in "$@"; do
      old="$live/$item" new="$stage/$item"
      [ -e "$old" ] || [ -e "$new" ] || continue
      if [ ! -e "$old" ]; then { [ -d "$new" ] && old="$nothing"; } || old=/dev/null; fi
      if [ ! -e "$new" ]; then { [ -d "$old" ] && new="$nothing"; } || new=/dev/null; fi
      # Headers as "--- /etc/guichet/config.toml" and "+++ new/config.toml", without dates.
      LC_ALL=C diff -ruN "$old" "$new" | sed -e '/^diff -ruN /d' -e '/^\(---\|+++\) /s#\t.*##' \
        -e "s#^\(---\|+++\) $nothing/.*#\1 /dev/null#" -e "s#^+++ $stage/#+++ new/#" || true
    done
    ;;
  install)
    [ $# -ge 5 ] || usage
    stage="$1" live="$2" backup="$3" pending="$4"
    shift 4
    # The previous files first, complete, before anything in place is touched.
    rm -rf "$backup.new"
    mkdir -m 0700 "$backup.new"
    for item in "$@"; do
      if [ -e "$live/$item" ]; then cp -a "$live/$item" "$backup.new/$item"; fi
    done
    rm -rf "$backup"
    mv "$backup.new" "$backup"
    # From here until a restart proves the new files, they may be rolled back.
    : > "$pending"
    chmod 0600 "$pending"
    for item in "$@"; do
      replace_item "$stage" "$live" "$item"
    done
    ;;
  restore)
    [ $# -ge 3 ] || usage
    live="$1" backup="$2"
    shift 2
    [ -d "$backup" ] || { echo "guichet-site.sh: no previous files in $backup" >&2; exit 1; }
    for item in "$@"; do
      replace_item "$backup" "$live" "$item"
    done
    ;;
  *) usage ;;
esac
