<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttendanceModel</name>
    <message numerus="yes">
        <source>Total: %n participant(s)</source>
        <translation>
            <numerusform>Total: %n participant</numerusform>
            <numerusform>Total: %n participants</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Delivery folder not reachable ({time}): %n package(s) waiting</source>
        <translation>
            <numerusform>Delivery folder not reachable ({time}): %n package waiting</numerusform>
            <numerusform>Delivery folder not reachable ({time}): %n packages waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported</source>
        <translation>
            <numerusform>%n change not yet exported</numerusform>
            <numerusform>%n changes not yet exported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n change(s) not yet exported.</source>
        <translation>
            <numerusform>%n change not yet exported.</numerusform>
            <numerusform>%n changes not yet exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting for acceptance (%n package(s))</source>
        <translation>
            <numerusform>waiting for acceptance (%n package)</numerusform>
            <numerusform>waiting for acceptance (%n packages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflicts (%n)</numerusform>
            <numerusform>Conflicts (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) wait for a record they refer to (applied when it arrives).</source>
        <translation>
            <numerusform>%n record waits for a record it refers to (applied when it arrives).</numerusform>
            <numerusform>%n records wait for a record they refer to (applied when it arrives).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set aside (%n)</source>
        <translation>
            <numerusform>Set aside (%n)</numerusform>
            <numerusform>Set aside (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n record(s) for {who}</source>
        <translation>
            <numerusform>{file}: %n record for {who}</numerusform>
            <numerusform>{file}: %n records for {who}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not reachable at {time}; %n package(s) waiting. Checked again every few minutes.</source>
        <translation>
            <numerusform>Not reachable at {time}; %n package waiting. Checked again every few minutes.</numerusform>
            <numerusform>Not reachable at {time}; %n packages waiting. Checked again every few minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reachable at {time}: %n package(s) copied now.</source>
        <translation>
            <numerusform>Reachable at {time}: %n package copied now.</numerusform>
            <numerusform>Reachable at {time}: %n packages copied now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n participant</numerusform>
            <numerusform>%n participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove {name} from this attendance sheet? They are ticked present at %n session(s); those ticks go too.</source>
        <translation>
            <numerusform>Remove {name} from this attendance sheet? They are ticked present at %n session; those ticks go too.</numerusform>
            <numerusform>Remove {name} from this attendance sheet? They are ticked present at %n sessions; those ticks go too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
</TS>
