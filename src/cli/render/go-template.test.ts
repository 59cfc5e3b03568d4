import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { isTemplate, renderTemplate } from './go-template.js';

const rows = [{ Name: 'app-web-1', Status: 'Up 2 seconds', ExitCode: 0, Publishers: [{ PublishedPort: 8080 }] }, { Name: 'app-db-1', Status: 'Exited (1) 3 seconds ago', ExitCode: 1, Publishers: [] }];

describe('renderTemplate', () => {
  it('expands field references line by line', () => {
    expect(renderTemplate('{{.Name}}', rows)).toBe('app-web-1\napp-db-1\n');
    expect(renderTemplate('{{ .Name }}:{{.ExitCode}}\\t{{lower .Status}}', rows)).toBe('app-web-1:0\tup 2 seconds\napp-db-1:1\texited (1) 3 seconds ago\n');
  });
  it('renders json of a field or of the whole row', () => {
    expect(renderTemplate('{{json .Publishers}}', rows)).toBe('[{"PublishedPort":8080}]\n[]\n');
    expect(JSON.parse(renderTemplate('{{json .}}', rows).split('\n')[0]!)).toEqual(rows[0]);
  });
  it('aligns a table with a header', () => {
    expect(renderTemplate('table {{.Name}}\\t{{.ExitCode}}', rows, { ExitCode: 'exit code' })).toBe('NAME        EXIT CODE\napp-web-1   0\napp-db-1    1\n');
  });
  it('names an unknown field and the known ones', () => {
    try {
      renderTemplate('{{.Nmae}}', rows);
      expect.unreachable();
    } catch (error) {
      expect(isBerthError(error) && error.code).toBe('format.unknown-field');
      expect(isBerthError(error) && error.hint).toContain('.Name');
    }
    expect(() => renderTemplate('{{.Name', rows)).toThrow(/no closing/);
    expect(() => renderTemplate('{{range .}}', rows)).toThrow(/not a field reference/);
  });
  it('tells templates from named formats', () => {
    expect(isTemplate('{{.Name}}')).toBe(true);
    expect(isTemplate('json')).toBe(false);
  });
});
