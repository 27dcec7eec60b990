//! The Roles tab on the `Screen` trait: its context, what a frame draws, and where each key,
//! paste and edit goes — the Ecosystem view, the one popup open, the matrix, or the tree.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::ecosystem::ViewStep;
use super::forms::RoleForm;
use super::matrix::{Matrix, MatrixStep};
use super::{Popup, RoleEdit, RolesTab};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::tabs::screen::{Place, Screen};
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::picker::Choice;
use crate::workbook::Workbook;

impl Screen for RolesTab {
    fn context(&self) -> Context {
        if let Some(view) = &self.ecosystem {
            view.context()
        } else if let Popup::Form(_) = self.popup {
            Context::Form
        } else if let Popup::Moving(..) = self.popup {
            Context::Picker
        } else if let Some(matrix) = &self.matrix {
            if matrix.filter.is_typing() {
                Context::Filter
            } else {
                Context::Matrix
            }
        } else {
            Context::Roles
        }
    }

    fn has_selection(&self) -> bool {
        match self.context() {
            Context::Roles => self.selected_role().is_some(),
            Context::Matrix => self.matrix.as_ref().is_none_or(Matrix::has_cell),
            _ => true,
        }
    }

    fn list_context(&self) -> Context {
        if self.ecosystem.is_some() {
            Context::Ecosystem
        } else {
            Context::Roles
        }
    }

    /// Sizes the windows for `area` (the tab's whole area), reading the workbook if it changed.
    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        if self.stale {
            self.refresh(wb)?;
        }
        if let Some(matrix) = &mut self.matrix {
            matrix.set_area(area, wb)?;
        }
        if let Some(view) = &mut self.ecosystem {
            view.prepare(area, wb)?;
        }
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        if let Some(view) = &self.ecosystem {
            return view.draw(area, buf, theme, keymap);
        }
        match &self.matrix {
            Some(matrix) => matrix.render(area, buf, theme, keymap),
            None => self.render_catalogue(area, buf, theme, keymap),
        }
        if let Popup::Moving(_, picker) = &self.popup {
            picker.render_keys(area, buf, theme, keymap);
        }
        if let Popup::Form(form) = &self.popup {
            let width = area.width.saturating_sub(4).min(72);
            let popup = crate::tui::widgets::centered(area, width, form.popup_height(width));
            form.form().render_keys(popup, buf, theme, keymap);
        }
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.ecosystem.is_some() {
            let roles = self.link_roles();
            if let Some(view) = &mut self.ecosystem {
                return Ok(match view.handle(action, key, wb, &roles)? {
                    ViewStep::Intent(intent) => intent,
                    ViewStep::Close => {
                        self.ecosystem = None;
                        Intent::Nothing
                    }
                });
            }
        }
        if let Popup::Form(open) = &mut self.popup {
            return Ok(match open.form_mut().handle(action, key) {
                FormEvent::Continue | FormEvent::Pick(_) => Intent::Nothing,
                FormEvent::Cancel if open.form().is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    self.popup = Popup::None;
                    Intent::Nothing
                }
                FormEvent::Save => {
                    open.form_mut().message = None;
                    let editing = match open {
                        RoleForm::Role { editing, .. } => *editing,
                        _ => None,
                    };
                    let others: Vec<&str> = self
                        .roles
                        .iter()
                        .filter(|r| Some(r.role.id) != editing)
                        .map(|r| r.role.name.as_str())
                        .collect();
                    open.submit(&others)
                }
            });
        }
        if let Popup::Moving(moving, picker) = &mut self.popup {
            let moving = *moving;
            return Ok(match picker.key(action, key, wb)? {
                Choice::Stay => Intent::Nothing,
                Choice::Cancel => {
                    self.popup = Popup::None;
                    Intent::Nothing
                }
                Choice::Chosen { id: parent, .. } => {
                    Intent::Role(RoleEdit::MoveRole { id: moving, parent })
                }
            });
        }
        if let Some(matrix) = &mut self.matrix {
            let writable = !wb.is_read_only();
            return Ok(match matrix.handle(action, key, wb, writable)? {
                MatrixStep::Intent(intent) => intent,
                MatrixStep::Form(form) => {
                    self.popup = Popup::Form(form);
                    Intent::Nothing
                }
                MatrixStep::Close => {
                    self.matrix = None;
                    Intent::Nothing
                }
            });
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        self.catalogue_action(action, wb)
    }

    /// The wheel moves the selection of the list on screen (the tree, the matrix, the register).
    fn scroll(&mut self, down: bool, wb: &Workbook) -> Result<Intent> {
        if !matches!(self.context(), Context::Roles | Context::Matrix) {
            return Ok(Intent::Nothing);
        }
        self.run(if down { Action::Down } else { Action::Up }, wb)
    }

    /// Runs an action from the palette, as if its key had been pressed on the tab.
    fn run(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        self.popup = Popup::None;
        if let Some(view) = &mut self.ecosystem {
            view.discard_form();
        }
        let key = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);
        self.handle(Some(action), &key, wb)
    }

    /// The role form (the Ecosystem view's forms take their keys one by one).
    fn typing_form(&mut self) -> Option<&mut Form> {
        match &mut self.ecosystem {
            Some(view) => view.typing_form(),
            None => match &mut self.popup {
                Popup::Form(form) => Some(form.form_mut()),
                _ => None,
            },
        }
    }

    /// Pasted text goes into the open form, the picker's search or the matrix filter.
    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        if let Some(view) = &mut self.ecosystem {
            view.paste(text);
        } else if let Popup::Form(form) = &mut self.popup {
            form.form_mut().paste(text);
        } else if let Popup::Moving(_, picker) = &mut self.popup {
            picker.paste(text);
        } else if let Some(matrix) = &mut self.matrix {
            matrix.paste(text, wb)?;
        }
        Ok(())
    }

    /// The workbook changed: read it again before the next frame that shows the tab.
    fn mark_stale(&mut self) {
        self.stale = true;
        if let Some(view) = &mut self.ecosystem {
            view.mark_stale();
        }
    }

    /// An edit went through: close what asked for it and read again.
    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.popup = Popup::None;
        if let Some(view) = &mut self.ecosystem {
            view.edited();
        }
        self.refresh(wb)
    }

    /// An edit was refused: an open form shows why (`true`), else the status line does.
    fn edit_failed(&mut self, message: &str) -> bool {
        if let Some(view) = &mut self.ecosystem {
            return view.edit_failed(message);
        }
        match &mut self.popup {
            Popup::Form(form) => {
                form.form_mut().message = Some(message.to_string());
                true
            }
            _ => false,
        }
    }

    fn discard_form(&mut self) {
        if let Popup::Form(_) = self.popup {
            self.popup = Popup::None;
        }
        if let Some(view) = &mut self.ecosystem {
            view.discard_form();
        }
    }

    /// The role named is selected in the tree (the matrix, a form or a picker closed).
    fn go(&mut self, target: crate::plan::guide::Target, wb: &Workbook) -> Result<Intent> {
        self.nav_go(target, wb)
    }

    fn here(&self) -> Place {
        self.nav_here()
    }

    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        self.nav_restore(place, wb)
    }
}
