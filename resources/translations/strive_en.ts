<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttendanceModel</name>
    <message numerus="yes">
        <source>Total: %n participant(s)</source>
        <translation>
            <numerusform>Total: %Ln participant</numerusform>
            <numerusform>Total: %Ln participants</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%Ln row written to {path}</numerusform>
            <numerusform>%Ln rows written to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstWeekPanel</name>
    <message numerus="yes">
        <source>Your first week: %n of 5 step(s) done</source>
        <translation>
            <numerusform>Your first week: %Ln of 5 step done</numerusform>
            <numerusform>Your first week: %Ln of 5 steps done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Delivery folder not reachable ({time}): %n package(s) waiting</source>
        <translation>
            <numerusform>Delivery folder not reachable ({time}): %Ln package waiting</numerusform>
            <numerusform>Delivery folder not reachable ({time}): %Ln packages waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported</source>
        <translation>
            <numerusform>%Ln change not yet exported</numerusform>
            <numerusform>%Ln changes not yet exported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n change(s) not yet exported.</source>
        <translation>
            <numerusform>%Ln change not yet exported.</numerusform>
            <numerusform>%Ln changes not yet exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting for acceptance (%n package(s))</source>
        <translation>
            <numerusform>waiting for acceptance (%Ln package)</numerusform>
            <numerusform>waiting for acceptance (%Ln packages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflicts (%Ln)</numerusform>
            <numerusform>Conflicts (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) wait for a record they refer to (applied when it arrives).</source>
        <translation>
            <numerusform>%Ln record waits for a record it refers to (applied when it arrives).</numerusform>
            <numerusform>%Ln records wait for a record they refer to (applied when it arrives).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set aside (%n)</source>
        <translation>
            <numerusform>Set aside (%Ln)</numerusform>
            <numerusform>Set aside (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked (%n package(s) waiting)</source>
        <translation>
            <numerusform>revoked (%Ln package waiting)</numerusform>
            <numerusform>revoked (%Ln packages waiting)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n record(s) for {who}</source>
        <translation>
            <numerusform>{file}: %Ln record for {who}</numerusform>
            <numerusform>{file}: %Ln records for {who}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not reachable at {time}; %n package(s) waiting. Checked again every few minutes.</source>
        <translation>
            <numerusform>Not reachable at {time}; %Ln package waiting. Checked again every few minutes.</numerusform>
            <numerusform>Not reachable at {time}; %Ln packages waiting. Checked again every few minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reachable at {time}: %n package(s) copied now.</source>
        <translation>
            <numerusform>Reachable at {time}: %Ln package copied now.</numerusform>
            <numerusform>Reachable at {time}: %Ln packages copied now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%Ln session</numerusform>
            <numerusform>%Ln sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%Ln participant</numerusform>
            <numerusform>%Ln participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove {name} from this attendance sheet? They are ticked present at %n session(s); those ticks go too.</source>
        <translation>
            <numerusform>Remove {name} from this attendance sheet? They are ticked present at %Ln session; those ticks go too.</numerusform>
            <numerusform>Remove {name} from this attendance sheet? They are ticked present at %Ln sessions; those ticks go too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
</context>
</TS>
