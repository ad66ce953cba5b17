# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hookq_global_optspecs
    string join \n db= json format= q/quiet v/verbose h/help V/version
end

function __fish_hookq_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hookq_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hookq_using_subcommand
    set -l cmd (__fish_hookq_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hookq -n "__fish_hookq_needs_command" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_needs_command" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_needs_command" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_needs_command" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_needs_command" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookq -n "__fish_hookq_needs_command" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "create" -d 'Add a webhook and print it (with its secret)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "list" -d 'List webhooks with health and queue depth'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "get" -d 'Show one webhook'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "edit" -d 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "delete" -d 'Remove a webhook with its queued events and logs; prints what was deleted'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "emit" -d 'Record an event for every published webhook subscribed to its type'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "process" -d 'Deliver queued events: grouped, signed and POSTed (run it from cron)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "test" -d 'Send sample events to a webhook (or a URL) now, signed like a delivery'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "queue" -d 'Inspect the queue, re-drive dead events, drop events'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "logs" -d 'Delivery attempts, newest first'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "verify" -d 'Check a body\'s Webhook-Signature, as a receiver would'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "resend" -d 'Queue a delivered batch again (kept for delivered_retention), for the next `process`'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "triggers" -d 'The catalog of event types webhooks can subscribe to'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "category" -d 'Webhook categories'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "api-user" -d 'Users that may call `hookq serve` (HTTP Basic)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "serve" -d 'Serve Mautic\'s REST API for webhooks (and hookq\'s own routes) over HTTP'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "listen" -d 'Receive webhooks locally and check their signatures (for CI smoke tests)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "config" -d 'Read and change settings'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "db" -d 'Whole-database operations (copy to another database, either backend)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "openapi" -d 'Print the OpenAPI 3.1 document of serve\'s HTTP API (what GET /api/openapi.json serves)'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "generate-man" -d 'Write man pages into DIR'
complete -c hookq -n "__fish_hookq_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand create" -l name -d 'Webhook name' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l url -d 'Receiver URL (http or https)' -r -f
complete -c hookq -n "__fish_hookq_using_subcommand create" -l trigger -d 'Event type to subscribe to (repeat for more; see `hookq triggers`)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand create" -l description -d 'Free-text description' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l secret -d 'Signing secret [default: 32 random bytes, as 64 hex characters or, with --signing standard, as whsec_ and base64]' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l secret-file -d 'Read the secret from FILE (its first line), off the command line' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand create" -l signing -d 'How requests are signed: mautic (Webhook-Signature, as Mautic does) or standard (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) [default: mautic]' -r -f -a "mautic\t''
standard\t''"
complete -c hookq -n "__fish_hookq_using_subcommand create" -l order -d 'Event order in batches: asc or desc [default: the events_order setting]' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l category -d 'Category id (see `hookq category list`)' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l header -d 'A header sent with every request, e.g. \'X-Api-Key: abc123\' (repeat for more; the value is masked in tables)' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l filter -d 'Queue events of TYPE only when their payload contains JSON, e.g. \'mautic.form_on_submit:{"submission":{"form":{"id":3}}}\' (repeat: any one of a type\'s filters takes the event)' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l rate -d 'At most N requests in any second, minute or hour (N/s, N/m, N/h), across every run and machine; batches wait, never dropped' -r
complete -c hookq -n "__fish_hookq_using_subcommand create" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand create" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand create" -l unpublished -d 'Create it unpublished (nothing is queued for it until published)'
complete -c hookq -n "__fish_hookq_using_subcommand create" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand create" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand create" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand create" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand create" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand list" -l search -d 'Text to find in names, and search commands: is:published, is:unpublished, is:uncategorized, category:ALIAS, ids:1,2' -r
complete -c hookq -n "__fish_hookq_using_subcommand list" -l start -d 'Rows to skip' -r
complete -c hookq -n "__fish_hookq_using_subcommand list" -l limit -d 'Rows to show (0: all)' -r
complete -c hookq -n "__fish_hookq_using_subcommand list" -l order-by -d 'Sort column, camelCase or snake_case (id, name, webhookUrl, dateAdded, ...)' -r
complete -c hookq -n "__fish_hookq_using_subcommand list" -l order-dir -d 'Sort direction: asc or desc' -r
complete -c hookq -n "__fish_hookq_using_subcommand list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand list" -l published-only -d 'Only published webhooks'
complete -c hookq -n "__fish_hookq_using_subcommand list" -l minimal -d 'Only Mautic\'s list fields (no publish and author details)'
complete -c hookq -n "__fish_hookq_using_subcommand list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand get" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand get" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand get" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand get" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand get" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand get" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand get" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l name -d 'New name' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l url -d 'New receiver URL' -r -f
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l description -d 'New description ("" clears it)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l secret -d 'New signing secret' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l secret-file -d 'Read the new secret from FILE (its first line), off the command line' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l signing -d 'Signing scheme: mautic or standard (turning standard needs a whsec_ secret: add --regenerate-secret or --secret)' -r -f -a "mautic\t''
standard\t''"
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l keep-old -d 'How long the old secret keeps signing after --rotate-secret, e.g. 2h, 3d; 0 drops it at once [default: 24h]' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l order -d 'Event order: asc, desc, or default (use the events_order setting)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l category -d 'Category id' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l trigger -d 'Set the subscriptions to exactly these types (repeat)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l add-trigger -d 'Subscribe to one more type (repeat)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l remove-trigger -d 'Unsubscribe from a type (repeat)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l header -d 'Set a header sent with every request, e.g. \'X-Api-Key: abc123\' (repeat; replaces one of the same name)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l no-header -d 'Stop sending header NAME (repeat)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l filter -d 'Set TYPE\'s filter: its events are queued only when their payload contains JSON (repeat; the filters given for a type replace its old ones, and any one of them takes an event)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l no-filter -d 'Drop TYPE\'s filters: every event of it is queued again (repeat)' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l rate -d 'At most N requests in any second, minute or hour (N/s, N/m, N/h), or off' -r
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l replace -d 'Replace every field (PUT): fields not given are reset, and a missing id is created'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l regenerate-secret -d 'Replace the secret with a new random one and print it'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l rotate-secret -d 'Standard webhooks: a new secret (--secret, or generated and printed) signs beside the old one until --keep-old has passed'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l no-category -d 'Remove the category'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l publish -d 'Publish it (queued events resume)'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l unpublish -l unpublished -d 'Unpublish it (its queued events wait)'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand edit" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand delete" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand delete" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand delete" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand delete" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand delete" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand delete" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand delete" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l payload -d 'The event\'s payload: a JSON object [default: {}]' -r
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l payload-file -d 'Read the payload from FILE (- for standard input)' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l ndjson -d 'Read events from FILE (- or nothing: standard input), one {"type":"..","payload":{..}} per line (and an optional "id", its idempotency key), stored in large transactions' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l skip -d 'With --ndjson: skip the first N lines (to go on after a bad line, rerun with the --skip the error names)' -r
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l idempotency-key -d 'Store this event once per KEY within the idempotency_window setting (24h): run again with the same key (a retry), it is not stored twice (with --ndjson, give each line an "id" instead)' -r
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand emit" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand emit" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand emit" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand emit" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand emit" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand process" -l webhook-id -d 'Only this webhook' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l min-id -d 'Only events with this id or higher' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l max-id -d 'Only events with this id or lower' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l limit -d 'Events per request for this run [default: the batch_limit setting]' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l time-limit -d 'Stop claiming new batches after this long, e.g. 90s, 5m [default: the time_limit setting]' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l concurrency -d 'Webhooks delivered at once [default: the concurrency setting]' -r
complete -c hookq -n "__fish_hookq_using_subcommand process" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand process" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand process" -l dry-run -d 'Print what would be sent (per webhook: batches, types, bytes) and send nothing'
complete -c hookq -n "__fish_hookq_using_subcommand process" -l strict -d 'Exit with code 3 when any delivery failed'
complete -c hookq -n "__fish_hookq_using_subcommand process" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand process" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand process" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand process" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand process" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand test" -l url -d 'Test this URL instead of a stored webhook' -r -f
complete -c hookq -n "__fish_hookq_using_subcommand test" -l secret -d 'Secret to sign with, with --url [default: none, signs with an empty key]' -r
complete -c hookq -n "__fish_hookq_using_subcommand test" -l signing -d 'How to sign, with --url: mautic or standard (which needs --secret whsec_…) [default: mautic]' -r -f -a "mautic\t''
standard\t''"
complete -c hookq -n "__fish_hookq_using_subcommand test" -l trigger -d 'Event type to send a sample of (repeat; with ID: default all its triggers)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand test" -l payload-file -d 'Send this payload (a JSON object) instead of the built-in samples' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand test" -l header -d 'With --url, a header to send, e.g. \'X-Api-Key: abc123\' (repeat; a stored webhook sends its own)' -r
complete -c hookq -n "__fish_hookq_using_subcommand test" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand test" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand test" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand test" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand test" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand test" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand test" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "stats" -d 'Queued, waiting and dead events per webhook'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "list" -d 'Queued events, oldest first'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "retry" -d 'Give dead events a new round of retries, due now'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "resend" -d 'Queue a webhook\'s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "purge" -d 'Drop queued events for good (asks first unless --yes)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and not __fish_seen_subcommand_from stats list retry resend purge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l webhook-id -d 'Only this webhook' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l limit -d 'Rows to show (0: all)' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l dead -d 'Only dead events (their batch is past retry_max_age)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -l webhook-id -d 'Only this webhook\'s events' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -l waiting -d 'Also send batches waiting for a retry at the next run (they keep their attempt count), e.g. once a receiver is back'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from retry" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l webhook-id -d 'The webhook' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l since -d 'Batches delivered within this long, e.g. 2h, 1d' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l new-id -d 'Send them with new Webhook-Ids, for receivers that drop ids they have seen'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from resend" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -l webhook-id -d 'Only this webhook\'s events' -r
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -l dead -d 'Only dead events'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -s y -l yes -d 'Do not ask'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from purge" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Queued, waiting and dead events per webhook'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "list" -d 'Queued events, oldest first'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Give dead events a new round of retries, due now'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "resend" -d 'Queue a webhook\'s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Drop queued events for good (asks first unless --yes)'
complete -c hookq -n "__fish_hookq_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l limit -d 'Rows to show' -r
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l since -d 'Only attempts of the last DUR, e.g. 30m, 2h, 3d' -r
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l status -d 'Only attempts with this status: a code (500), N/A (no response), or failed (anything but 2xx)' -r
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l batch -d 'Only attempts of this batch (its Webhook-Id)' -r
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l failed -d 'Only failed attempts (as --status failed)'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -s f -l follow -d 'Keep printing attempts as they are logged, oldest first, until interrupted (text as tab-separated rows, --json as one object per line)'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand logs" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l secret -d 'The webhook\'s secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_VERIFY_SECRET)' -r
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l secret-file -d 'Read the secret from FILE (its first line), instead of --secret' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l signature -d 'The Webhook-Signature header\'s value (with --standard: the webhook-signature header\'s, `v1,…` entries separated by spaces)' -r
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l id -d 'The webhook-id header\'s value (with --standard)' -r
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l timestamp -d 'The webhook-timestamp header\'s value, Unix seconds (with --standard)' -r
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l tolerance -d 'With --standard, refuse a timestamp further than this from now, as receivers do against replays; 0 skips the check [default: 5m]' -r
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l standard -d 'Check a Standard Webhooks signature (the secret is whsec_…) over --id, --timestamp and the body'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand verify" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand resend" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand resend" -l new-id -d 'Send it with a new Webhook-Id, for receivers that drop ids they have seen'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand resend" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List event types, sorted by label'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Add a custom event type'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Remove a custom event type no webhook uses'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -l label -d 'Short label' -r
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -l description -d 'When it fires' -r
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "list" -d 'List event types, sorted by label'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a custom event type'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a custom event type no webhook uses'
complete -c hookq -n "__fish_hookq_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -f -a "create" -d 'Add a category'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -f -a "edit" -d 'Change a category: only the given fields'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -f -a "list" -d 'List categories'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -f -a "delete" -d 'Delete a category (its webhooks become uncategorised)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and not __fish_seen_subcommand_from create edit list delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l title -d 'Title' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l alias -d 'Alias used by `list --search category:ALIAS` [default: from the title]' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l description -d 'Description' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l color -d 'Colour as six hex digits, e.g. ff8800' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l title -d 'Title' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l alias -d 'Alias used by `list --search category:ALIAS`' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l description -d 'Description (empty: none)' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l color -d 'Colour as six hex digits, e.g. ff8800' -r
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from help" -f -a "create" -d 'Add a category'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a category: only the given fields'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from help" -f -a "list" -d 'List categories'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a category (its webhooks become uncategorised)'
complete -c hookq -n "__fish_hookq_using_subcommand category; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add an API user and print its generated password once'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List API users'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove an API user (its next request is refused)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from standard input instead of generating one'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an API user and print its generated password once'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List API users'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an API user (its next request is refused)'
complete -c hookq -n "__fish_hookq_using_subcommand api-user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l listen -d 'Address to listen on; anything but loopback belongs behind a TLS proxy' -r
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l header-timeout -d 'How long a client may take to send a request\'s headers before it is dropped' -r
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l poll -d 'With --deliver: how often to look for due work unannounced (retries falling due; on SQLite also events other processes emit; on PostgreSQL those wake it at once)' -r
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l trusted-proxy -d 'A reverse proxy in front of serve (repeat for several): only from these peers is the client\'s address taken from X-Forwarded-For (for the failed sign-in slowdown); a client\'s own header is never believed' -r
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l max-connections-per-ip -d 'Connections one client address may hold open at once; more are closed as they arrive, so one address cannot take every slot' -r
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l deliver -d 'Also deliver queued events continuously (as `process` does; cron runs may overlap)'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l no-auth -d 'Accept requests without credentials (refused unless ADDR is a loopback address)'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l no-console -d 'Serve the API only, without the admin console\'s pages under /'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand serve" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l listen -d 'Address to listen on [default: 127.0.0.1 and a free port]' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l secret -d 'Check Mautic\'s Webhook-Signature with this secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_LISTEN_SECRET)' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l secret-file -d 'Read the Mautic secret from FILE (its first line)' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l standard-secret -d 'Check Standard Webhooks signatures with this whsec_ secret' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l standard-secret-file -d 'Read the whsec_ secret from FILE (its first line)' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l count -d 'Exit 0 once this many requests were verified and answered with --status' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l timeout -d 'Give up after this long (exit 1 when --count was not reached), e.g. 30s' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l status -d 'Status to answer requests with' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l fail-first -d 'Answer the first K requests with 500 (to exercise retries), then --status' -r
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l require-type -d 'With --count: exit 1 unless this event type arrived (repeat)' -r -f -a "mautic.company_post_save\t''
mautic.company_post_delete\t''
mautic.lead_channel_subscription_changed\t''
mautic.lead_company_change\t''
mautic.lead_post_delete\t''
mautic.lead_post_save_new\t''
mautic.lead_points_change\t''
mautic.lead_list_change\t''
mautic.lead_post_save_update\t''
mautic.email_on_open\t''
mautic.email_on_send\t''
mautic.form_on_submit\t''
mautic.page_on_hit\t''
mautic.sms_on_send\t''
hookq.webhook_failing\t''
hookq.webhook_recovered\t''
hookq.webhook_disabled\t''
hookq.batch_dead\t''"
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l port-file -d 'Write the port to FILE once listening (for scripts that start it in the background)' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand listen" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand listen" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand listen" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand listen" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand listen" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "list" -d 'Every setting with its value and where it comes from'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "get" -d 'Print one setting\'s effective value'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "set" -d 'Store a setting in the database'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "unset" -d 'Return a setting to its default'
complete -c hookq -n "__fish_hookq_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every setting with its value and where it comes from'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting\'s effective value'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Store a setting in the database'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Return a setting to its default'
complete -c hookq -n "__fish_hookq_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
complete -c hookq -n "__fish_hookq_using_subcommand db; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -l to -d 'The target: an SQLite file path or a postgres:// URL (must be empty)' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
complete -c hookq -n "__fish_hookq_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand openapi" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand completions" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand completions" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand completions" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand completions" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand completions" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand completions" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand completions" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -l db -d 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL' -r -F
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -l format -d 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
json\t''"
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -l json -d 'Print Mautic-shaped JSON on stdout (errors as Mautic\'s error JSON on stderr)'
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -s q -l quiet -d 'Print nothing on stdout; diagnostics only on failure'
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -s v -l verbose -d 'Print more detail on stderr'
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -s h -l help -d 'Print help'
complete -c hookq -n "__fish_hookq_using_subcommand generate-man" -s V -l version -d 'Print version'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "create" -d 'Add a webhook and print it (with its secret)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "list" -d 'List webhooks with health and queue depth'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "get" -d 'Show one webhook'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "edit" -d 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "delete" -d 'Remove a webhook with its queued events and logs; prints what was deleted'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "emit" -d 'Record an event for every published webhook subscribed to its type'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "process" -d 'Deliver queued events: grouped, signed and POSTed (run it from cron)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "test" -d 'Send sample events to a webhook (or a URL) now, signed like a delivery'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "queue" -d 'Inspect the queue, re-drive dead events, drop events'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "logs" -d 'Delivery attempts, newest first'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "verify" -d 'Check a body\'s Webhook-Signature, as a receiver would'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "resend" -d 'Queue a delivered batch again (kept for delivered_retention), for the next `process`'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "triggers" -d 'The catalog of event types webhooks can subscribe to'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "category" -d 'Webhook categories'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "api-user" -d 'Users that may call `hookq serve` (HTTP Basic)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "serve" -d 'Serve Mautic\'s REST API for webhooks (and hookq\'s own routes) over HTTP'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "listen" -d 'Receive webhooks locally and check their signatures (for CI smoke tests)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "config" -d 'Read and change settings'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "db" -d 'Whole-database operations (copy to another database, either backend)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "openapi" -d 'Print the OpenAPI 3.1 document of serve\'s HTTP API (what GET /api/openapi.json serves)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "completions" -d 'Print a shell completion script'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "generate-man" -d 'Write man pages into DIR'
complete -c hookq -n "__fish_hookq_using_subcommand help; and not __fish_seen_subcommand_from create list get edit delete emit process test queue logs verify resend triggers category api-user serve listen config db openapi completions generate-man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "stats" -d 'Queued, waiting and dead events per webhook'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "list" -d 'Queued events, oldest first'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "retry" -d 'Give dead events a new round of retries, due now'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "resend" -d 'Queue a webhook\'s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "purge" -d 'Drop queued events for good (asks first unless --yes)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "list" -d 'List event types, sorted by label'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "add" -d 'Add a custom event type'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "remove" -d 'Remove a custom event type no webhook uses'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from category" -f -a "create" -d 'Add a category'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from category" -f -a "edit" -d 'Change a category: only the given fields'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from category" -f -a "list" -d 'List categories'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from category" -f -a "delete" -d 'Delete a category (its webhooks become uncategorised)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from api-user" -f -a "add" -d 'Add an API user and print its generated password once'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from api-user" -f -a "list" -d 'List API users'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from api-user" -f -a "remove" -d 'Remove an API user (its next request is refused)'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Every setting with its value and where it comes from'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one setting\'s effective value'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Store a setting in the database'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Return a setting to its default'
complete -c hookq -n "__fish_hookq_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "copy" -d 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
