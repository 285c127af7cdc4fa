"""What `scribe hook SHELL` prints for the rc file, and what `scribe attach`/`detach` hand to it.

The snippet defines a `scribe` function that passes every command to the program, except
`attach` and `detach`: their output is shell code that the function evaluates, which is how a
spool path gets into the shell without a process per command. Until attached the hooks return at
once. Each hook takes the time from $EPOCHREALTIME (bash 5, zsh/datetime) and appends one line
with printf; nothing is started per command. See tui.core.shell.spool for the line format.
"""

from __future__ import annotations

import re

SHELLS = ("bash", "zsh", "fish")

# The spool line, written the same way in bash and zsh: escape, then one printf.
_ESCAPE_POSIX = r"""
__scribe_escape() {
    local s=$1 bs='\'
    s=${s//"$bs"/"$bs$bs"}
    s=${s//$'\n'/"${bs}n"}
    s=${s//$'\t'/"${bs}t"}
    s=${s//$'\r'/"${bs}r"}
    REPLY=$s
}
__scribe_write() {  # start end status command
    local cmd=$4
    (( ${#cmd} > 8200 )) && cmd=${cmd:0:8200}
    __scribe_escape "$PWD"; local cwd=$REPLY
    __scribe_escape "$cmd"
    printf '1\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$cwd" "$REPLY" >> "$__scribe_spool"
}
"""

BASH = (
    r"""# Scribe shell hook for bash 5+: eval "$(scribe hook bash)" in ~/.bashrc
if [[ ${BASH_VERSINFO[0]:-0} -lt 5 ]]; then
    printf 'scribe: the shell hook needs bash 5 or later (for $EPOCHREALTIME)\n' >&2
else
__scribe_spool=
__scribe_started=
__scribe_armed=
[[ -n $SCRIBE_RECORDING ]] && unset SCRIBE_RECORDING  # inherited from a recording parent, not this shell
"""
    + _ESCAPE_POSIX
    + r"""
__scribe_preexec() {
    [[ -n $__scribe_armed ]] || return 0
    __scribe_armed=
    __scribe_started=$EPOCHREALTIME
}
__scribe_history() {  # REPLY: "number command" of the newest history entry, read without a subshell
    HISTTIMEFORMAT= builtin history 1 >| "$__scribe_spool.last" 2>/dev/null || { REPLY=; return 1; }
    IFS= read -r -d '' REPLY < "$__scribe_spool.last"
    REPLY=${REPLY%$'\n'}
    REPLY=${REPLY#"${REPLY%%[0-9]*}"}
}
__scribe_postexec() {
    local status=$? end=$EPOCHREALTIME start=$__scribe_started
    __scribe_started=
    if [[ -n $__scribe_spool && -n $start ]] && __scribe_history; then
        local number=${REPLY%%[!0-9]*}
        # No new history entry: a line typed with a leading space (HISTCONTROL=ignorespace) or empty.
        if [[ -n $number && $number != "$__scribe_histnum" ]]; then
            __scribe_histnum=$number
            __scribe_write "$start" "$end" "$status" "${REPLY:${#number}+2}"
        fi
    fi
    return $status
}
__scribe_attach_to() {  # spool label
    __scribe_spool=$1
    export SCRIBE_RECORDING=$2
    __scribe_saved_histcontrol=${HISTCONTROL-}
    HISTCONTROL=ignorespace  # while attached: every command gets a history entry, except leading-space ones
    __scribe_history
    __scribe_histnum=${REPLY%%[!0-9]*}  # the attach line itself is not recorded
}
__scribe_detach() {
    __scribe_spool=
    __scribe_armed=
    unset SCRIBE_RECORDING
    HISTCONTROL=$__scribe_saved_histcontrol
}
scribe() {
    case $1 in
        attach|detach)
            local __scribe_code
            __scribe_code=$(command scribe "$1" --shell bash "${@:2}") && eval "$__scribe_code"
            ;;
        *) command scribe "$@" ;;
    esac
}
trap '__scribe_preexec' DEBUG
# First: it reads the command's exit status. Armed last: the prompt's own commands are not timed.
if [[ ";${PROMPT_COMMAND[*]-};" != *";__scribe_postexec;"* ]]; then
    PROMPT_COMMAND="__scribe_postexec;${PROMPT_COMMAND:+$PROMPT_COMMAND;}__scribe_armed=\${__scribe_spool:+1}"
fi
fi
"""
)

ZSH = (
    r"""# Scribe shell hook for zsh: eval "$(scribe hook zsh)" in ~/.zshrc
zmodload zsh/datetime
typeset -g __scribe_spool= __scribe_started= __scribe_command=
[[ -n $SCRIBE_RECORDING ]] && unset SCRIBE_RECORDING  # inherited from a recording parent, not this shell
"""
    + _ESCAPE_POSIX
    + r"""
__scribe_preexec() {
    [[ -n $__scribe_spool ]] || return 0
    __scribe_started=$EPOCHREALTIME
    __scribe_command=${1:-$3}  # as typed; the expanded text when history is off
}
__scribe_precmd() {
    local scribe_status=$? end=$EPOCHREALTIME start=$__scribe_started
    __scribe_started=
    [[ -n $__scribe_spool && -n $start ]] || return 0
    [[ $__scribe_command == [[:space:]]* ]] && return 0  # a leading space keeps it off the record
    __scribe_write "$start" "$end" "$scribe_status" "$__scribe_command"
}
__scribe_attach_to() {  # spool label
    __scribe_spool=$1
    export SCRIBE_RECORDING=$2
}
__scribe_detach() {
    __scribe_spool=
    unset SCRIBE_RECORDING
}
scribe() {
    case $1 in
        attach|detach)
            local __scribe_code
            __scribe_code=$(command scribe "$1" --shell zsh "${@:2}") && eval "$__scribe_code"
            ;;
        *) command scribe "$@" ;;
    esac
}
# First, so that the exit status it reads is the command's and not another hook's.
precmd_functions=(__scribe_precmd ${precmd_functions:#__scribe_precmd})
preexec_functions=(${preexec_functions:#__scribe_preexec} __scribe_preexec)
"""
)

FISH = r"""# Scribe shell hook for fish: scribe hook fish | source  in ~/.config/fish/config.fish
set -g __scribe_spool
set -q SCRIBE_RECORDING; and set -e SCRIBE_RECORDING  # inherited from a recording parent, not this shell
function __scribe_escape
    string replace -a -- '\\' '\\\\' $argv[1] | string replace -a \t '\\t' \
        | string replace -a \r '\\r' | string join '\\n'  # the lines of a multi-line command, joined by \n
end
function __scribe_postexec --on-event fish_postexec
    set -l scribe_status $status
    set -q __scribe_spool[1]; and test -n "$__scribe_spool"; or return 0
    if set -q __scribe_fresh[1]  # the attach line itself is not recorded
        set -e __scribe_fresh
        return 0
    end
    string match -qr '^\s' -- $argv[1]; and return 0  # a leading space keeps it off the record
    test -n (string trim -- "$argv[1]"); or return 0
    set -l cmd (string sub -l 8200 -- "$argv[1]" | string collect)
    # No clock builtin in fish: `-` for the times and the duration it measured, timed when read.
    printf '1\t-\t+%s\t%s\t%s\t%s\n' "$CMD_DURATION" "$scribe_status" \
        (__scribe_escape "$PWD") (__scribe_escape "$cmd") >> $__scribe_spool
end
function __scribe_attach_to
    set -g __scribe_spool $argv[1]
    set -g __scribe_fresh 1
    set -gx SCRIBE_RECORDING $argv[2]
end
function __scribe_detach
    set -g __scribe_spool
    set -e SCRIBE_RECORDING
end
function scribe
    switch "$argv[1]"
        case attach detach
            set -l code (command scribe $argv[1] --shell fish $argv[2..-1] | string collect); or return
            eval $code
        case '*'
            command scribe $argv
    end
end
"""

SNIPPETS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def snippet(shell: str) -> str:
    return SNIPPETS[shell]


def quote(shell: str, text: str) -> str:
    """A word the shell reads back as `text` exactly."""
    if shell == "fish":  # in fish's single quotes only \\ and \' are escapes
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "'" + text.replace("'", "'\\''") + "'"


def label(stem: str) -> str:
    """The value of SCRIBE_RECORDING: the session file's name in characters safe in any prompt."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem)[:60] or "session"


def attach_code(shell: str, spool: str, stem: str) -> str:
    return f"__scribe_attach_to {quote(shell, spool)} {quote(shell, label(stem))}\n"


def detach_code(shell: str) -> str:
    return "__scribe_detach\n"
