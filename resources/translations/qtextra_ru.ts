<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Hand-written: Qt's own strings that Qt's qtbase_ru.qm does not cover in this Qt version
     (Qt 6 added mnemonics to the file dialog's labels, and the Russian file kept the old
     texts, so "Look in:" and "Files of type:" stayed English). Loaded after qtbase_ru. -->
<TS version="2.1" language="ru_RU">
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Перейти к:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Типы файлов:</translation>
        </message>
    </context>
</TS>
