#!/usr/bin/perl
# Heuristic lint: string literals with words in them, passed straight to a function that shows
# text to people, must be marked for translation (_(), N_() or P_()). Prints FILE:LINE: literal
# for each offender and exits 1 when there is any.
#   perl tests/cli/lint_i18n.pl src/*.c src/*/*.c
use strict;
use warnings;

# function => index (0-based) of the argument that is the message / format
my %calls = (
    printf => 0, fprintf => 1, dprintf => 1, fputs => 0, puts => 0,
    xaso_error_set => 2, xaso_error_setv => 2, xaso_error_set_at => 5,
    cli_usage_error => 0, ydoc_error => 3, tui_status => 2,
);
# Literals that are not words for people: program name, separators, formats.
my %allowed = map { $_ => 1 } ('xaso: ', 'xaso %s\n', 'xaso: %s\n', 'xaso: %s', 'SHA-256 %s\n');

my $bad = 0;
for my $file (@ARGV) {
    open my $fh, '<', $file or die "$file: $!";
    local $/;
    my $src = <$fh>;
    close $fh;
    # blank out comments, keeping newlines so that line numbers stay right
    $src =~ s{(/\*.*?\*/|//[^\n]*)}{ my $c = $1; $c =~ s/[^\n]/ /g; $c }gse;
    my $names = join '|', map { quotemeta } keys %calls;
    while ($src =~ /\b($names)\s*\(/g) {
        my ($fn, $start) = ($1, pos($src));
        # split the arguments at top-level commas (strings and nested parentheses respected)
        my ($depth, $i, $cur) = (1, $start, "");
        my @args;
        while ($i < length $src && $depth > 0) {
            my $ch = substr $src, $i, 1;
            if ($ch eq '"' || $ch eq "'") {
                my $j = $i + 1;
                while ($j < length $src && substr($src, $j, 1) ne $ch) { $j += substr($src, $j, 1) eq '\\' ? 2 : 1 }
                $cur .= substr $src, $i, $j - $i + 1;
                $i = $j + 1;
                next;
            }
            $depth++ if $ch eq '(';
            $depth-- if $ch eq ')';
            if ($depth == 1 && $ch eq ',') { push @args, $cur; $cur = ''; }
            elsif ($depth > 0) { $cur .= $ch }
            $i++;
        }
        push @args, $cur;
        # internal errors (a bug, never the user's doing) are for developers
        next if $fn =~ /^xaso_error_set/ && ($args[1] // '') =~ /XASO_EX_SOFTWARE/;
        my $arg = $args[$calls{$fn}] // next;
        $arg =~ s/^\s+|\s+$//g;
        next unless $arg =~ /^"/;                 # a variable, _(), N_(), a call: fine
        my $text = '';
        $text .= $1 while $arg =~ /"((?:[^"\\]|\\.)*)"/g;
        next if $allowed{$text};
        (my $words = $text) =~ s/%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]//g;
        $words =~ s/\\[ntr"\\]//g;
        next unless $words =~ /[A-Za-z]{2,}/;      # only formats and punctuation: fine
        my $line = 1 + (substr($src, 0, $start) =~ tr/\n//);
        print "$file:$line: $fn(\"$text\") is not marked for translation\n";
        $bad = 1;
    }
}
exit $bad;
