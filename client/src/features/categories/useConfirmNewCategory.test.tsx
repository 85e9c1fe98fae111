import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import { CategoryByNameDocument } from '../../graphql/graphql';
import { NewCategoryDialog } from './NewCategoryDialog';
import { useConfirmNewCategory } from './useConfirmNewCategory';

const XSS = '<img src=x onerror=alert(1)>';

/** A form as the expense form would wire the hook: ask, then submit or stay. */
function CategoryForm({ submitted }: { submitted: string[] }) {
  const newCategory = useConfirmNewCategory();
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const name = String(new FormData(event.currentTarget).get('category'));
        if (await newCategory.confirmNewCategory(name)) submitted.push(name);
      }}
    >
      <label>
        Category
        <input name="category" />
      </label>
      <button type="submit">Save</button>
      <NewCategoryDialog {...newCategory} />
    </form>
  );
}

const answer = (name: string, found: { id: string; name: string } | null) => ({
  request: { query: CategoryByNameDocument, variables: { name } },
  result: {
    data: { categoryByName: found && { __typename: 'Category' as const, ...found } },
  },
});

async function submit(name: string, mocks: MockLink.MockedResponse[] = []) {
  const submitted: string[] = [];
  renderPage(<CategoryForm submitted={submitted} />, { mocks });
  const user = userEvent.setup();
  if (name) await user.type(screen.getByLabelText('Category'), name);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  return { submitted, user };
}

test('a name the ledger has (or had, before a rename) submits without asking', async () => {
  const { submitted } = await submit(' food ', [answer('food', { id: '1', name: 'Food' })]);
  await waitFor(() => expect(submitted).toEqual([' food ']));
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('an unknown name asks first; "Create category" submits it', async () => {
  const { submitted, user } = await submit('Fod', [answer('Fod', null)]);
  const dialog = await screen.findByRole('dialog', { name: 'Create category “Fod”?' });
  expect(dialog).toHaveTextContent('You have no category named “Fod” yet.');
  expect(screen.getByRole('button', { name: 'Create category' })).toHaveFocus();
  expect(submitted).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'Create category' }));
  await waitFor(() => expect(submitted).toEqual(['Fod']));
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('Cancel and Escape keep the form as it is, with focus back where it was', async () => {
  const { submitted, user } = await submit('Fod', [answer('Fod', null), answer('Fod', null)]);
  await screen.findByRole('dialog');
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();
  expect(screen.getByLabelText('Category')).toHaveValue('Fod');

  await user.click(screen.getByRole('button', { name: 'Save' }));
  await screen.findByRole('dialog');
  await user.keyboard('{Escape}');
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(submitted).toEqual([]);
});

test('focus stays inside the question', async () => {
  const { user } = await submit('Fod', [answer('Fod', null)]);
  await screen.findByRole('dialog');
  await user.tab();
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  await user.tab();
  expect(screen.getByRole('button', { name: 'Create category' })).toHaveFocus();
  await user.tab({ shift: true });
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
});

test('markup in the name is shown as text', async () => {
  await submit(XSS, [answer(XSS, null)]);
  const dialog = await screen.findByRole('dialog');
  expect(dialog).toHaveTextContent(`You have no category named “${XSS}” yet.`);
  expect(document.querySelector('img')).toBeNull();
});

test('when the server cannot answer, the form submits and the server has the last word', async () => {
  const { submitted } = await submit('x'.repeat(60), [
    {
      request: { query: CategoryByNameDocument, variables: { name: 'x'.repeat(60) } },
      result: { errors: [new GraphQLError('Category must be at most 50 characters')] },
    },
  ]);
  await waitFor(() => expect(submitted).toEqual(['x'.repeat(60)]));
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('a blank name is left to the form’s own check, without a question', async () => {
  const { submitted } = await submit('');
  await waitFor(() => expect(submitted).toEqual(['']));
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('a name agreed to once is not asked about again (a save retried after a missing rate)', async () => {
  const { submitted, user } = await submit('Culture', [
    answer('Culture', null),
    answer('Culture', null),
  ]);
  await user.click(await screen.findByRole('button', { name: 'Create category' }));
  await waitFor(() => expect(submitted).toEqual(['Culture']));
  // The server would still call the name unknown (the first save failed): no second question.
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(submitted).toEqual(['Culture', 'Culture']));
  expect(screen.queryByRole('dialog')).toBeNull();
});
